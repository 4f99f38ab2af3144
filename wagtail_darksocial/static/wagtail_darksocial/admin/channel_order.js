// Settings › Dark social sharing: the up and down buttons of the channel list. The
// ticked boxes submit in page order, so moving an item is all it takes; focus stays on
// the button pressed, so the keyboard can keep moving the same channel.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-darksocial-order] [data-move]");
  if (!button) return;
  const item = button.closest("li");
  const up = button.dataset.move === "-1";
  const other = up ? item.previousElementSibling : item.nextElementSibling;
  if (!other) return;
  other[up ? "before" : "after"](item);
  button.focus();
});
const reveal = () => {
  for (const button of document.querySelectorAll("[data-darksocial-order] [data-move]")) {
    button.hidden = false;
  }
};
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", reveal);
else reveal();
