/* wagtail-darksocial: see docs/sharing.md */
(() => {
  const d = document, n = navigator, enc = encodeURIComponent;
  const C = JSON.parse(d.currentScript.dataset.darksocialConfig), S = C.strings;
  const params = new URLSearchParams(location.search), param = (k) => params.get(k) || undefined;
  const parent = /^[\w-]{10}$/.test(param(C.param)) ? param(C.param) : undefined;
  const quiet = n.globalPrivacyControl || [n.doNotTrack, window.doNotTrack].includes("1");
  const pop = d.querySelector("[data-darksocial=quote]");
  const on = (t, type, f) => t.addEventListener(type, f);
  const active = () => d.activeElement;
  let quote, dismissed; // offered and Escape-dismissed selections

  const send = (type, data) => {
    if (!C.endpoint || quiet) return;
    const body = JSON.stringify({ type, page: C.page, ...data });
    if (!n.sendBeacon?.(C.endpoint, body)) fetch(C.endpoint, { method: "POST", body, keepalive: true }).catch(() => {});
  };
  const token = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(8))))
    .slice(0, 10).replace(/\+/g, "-").replace(/\//g, "_");
  const words = (text) => (text.match(/\S+/g) || []).length;
  const bucket = (w) => (w > 200 ? "200+" : w > 50 ? "51-200" : w > 10 ? "11-50" : "1-10");
  const untag = (url) => {
    for (const k of [...url.searchParams.keys()]) if (k == C.param || k.startsWith("utm_")) url.searchParams.delete(k);
    return url;
  };
  const tagged = (base, ch, tok) => {
    const url = untag(new URL(base));
    const tags = { utm_source: ch, utm_medium: C.mediums[ch] || "social", utm_campaign: C.campaign, [C.param]: tok };
    for (const k in tags) if (tags[k]) url.searchParams.append(k, tags[k]);
    return url.href;
  };
  const cut = (text, max) => (text.length > max ? text.slice(0, max - 1).replace(/\s+\S*$/, "") + "…" : text);
  const limit = (ch, url) => {
    const [tpl, max] = C.targets[ch] || ["", 500];
    return Math.max(max - (tpl.includes("{text}%20{url}") ? url.length + 1 : 0), 40);
  };
  const el = (node) => (node?.nodeType == 3 ? node.parentElement : node);
  const field = (e) => e && (e.isContentEditable || e.matches("input,textarea"));
  const inContent = (node) => {
    const e = el(node);
    return e?.closest(C.content) && !e.closest("pre,code,wagtail-userbar,[data-darksocial]") && !field(e);
  };
  const copy = async (text, box, done) => {
    let ok = true;
    try {
      await n.clipboard.writeText(text);
    } catch {
      const focused = active(), area = d.body.appendChild(d.createElement("textarea"));
      area.value = text;
      area.style.cssText = "position:fixed;opacity:0";
      area.select();
      ok = d.execCommand("copy");
      area.remove();
      focused.focus();
    }
    const status = box.querySelector("[role=status]");
    status.textContent = "";
    setTimeout(() => (status.textContent = ok ? done : S.copyFailed + " " + text), 100);
    return ok;
  };

  on(d, "click", async (e) => {
    const b = e.target.closest?.("[data-ds]"), box = b?.closest("[data-darksocial]");
    if (!box) return;
    const B = box.dataset, ch = b.dataset.ds, tok = token(), q = B.darksocial == "quote" && quote;
    const page = +B.page || C.page, title = B.title || C.title;
    const url = tagged(B.url || C.url, ch, tok) + (q ? q.hash : "");
    const text = q ? S.quote.replace("%s", cut(q.text, limit(ch, url) - S.quote.length)) : ch == "email" ? B.desc || C.desc : title;
    const shared = () => send("share", { page, channel: ch, token: tok, parent });
    if (ch == "copy") {
      if (await copy(q ? text + " " + url : url, box, q ? S.quoteCopied : S.copied)) {
        shared();
        send("copy", { page, kind: q ? "quote" : "link", bucket: bucket(q ? q.words : 1) });
      }
    } else if (ch == "native") n.share({ title, text, url }).then(shared, () => {});
    else {
      const values = { url, title, text: cut(text, limit(ch, url)) };
      b.href = C.targets[ch][0].replace(/{(\w+)}/g, (_, k) => enc(values[k]));
      shared();
    }
  });
  for (const b of d.querySelectorAll("[data-ds=copy],[data-ds=native]")) b.hidden = b.dataset.ds == "native" && !n.share;

  on(d, "copy", (e) => {
    const s = getSelection(), text = s.toString(), w = words(text), target = el(e.target);
    if (!w || field(target) || field(active()) || target.closest("wagtail-userbar,[data-darksocial]")) return;
    send("copy", { kind: "text", bucket: bucket(w) });
    if (C.copy == "off" || w < C.copyMin || !inContent(s.anchorNode) || !inContent(s.focusNode)) return;
    try {
      const tok = token(), url = tagged(C.url, "copy", tok), html = d.createElement("div");
      const line = d.createElement("p"), link = d.createElement("a"), lead = C.copy == "link" ? "" : S.readMore + " ";
      html.append(s.getRangeAt(0).cloneContents());
      link.href = url;
      link.textContent = lead ? C.title : url;
      line.append(lead, link);
      e.clipboardData.setData("text/plain", text + "\n\n" + (lead && lead + C.title + " ") + url);
      e.clipboardData.setData("text/html", html.innerHTML + line.outerHTML);
      e.preventDefault();
      send("share", { channel: "copy", token: tok, parent });
    } catch {}
  });

  if (pop) {
    const hide = () => (pop.hidden = true);
    const fragment = (list) => enc(list.join(" ")).replace(/-/g, "%2D");
    const letter = (node, i) => node.nodeType == 3 && /[\p{L}\p{N}]/u.test(node.data[i] || "");
    const check = (e) => {
      if (pop.contains(active()) || e.target.closest?.("wagtail-userbar,[data-darksocial]")) return;
      const s = getSelection(), text = s.toString().replace(/\s+/g, " ").trim(), w = words(text);
      if (w < C.quoteMin || text == dismissed || !inContent(s.anchorNode) || !inContent(s.focusNode) || field(active()))
        return hide();
      const range = s.getRangeAt(0), rect = range.getBoundingClientRect(), all = text.split(" ");
      // Text fragments match whole words: leave out words the selection cuts in two.
      if (letter(range.startContainer, range.startOffset - 1)) all.shift();
      if (letter(range.endContainer, range.endOffset)) all.pop();
      const hash = all.length > 8 ? fragment(all.slice(0, 4)) + "," + fragment(all.slice(-4)) : fragment(all);
      quote = { text, words: w, hash: all.length ? "#:~:text=" + hash : "" };
      el(range.endContainer).after(pop); // so that Tab from the selection reaches it
      pop.hidden = false;
      const top = rect.top - pop.offsetHeight - 8, width = pop.offsetWidth;
      pop.style.top = (top < 0 ? rect.bottom + 8 : top) + "px";
      pop.style.left = Math.max(8, Math.min(rect.x + (rect.width - width) / 2, innerWidth - width - 8)) + "px";
    };
    for (const type of ["mouseup", "keyup"]) on(d, type, (e) => setTimeout(() => check(e)));
    on(pop, "mousedown", (e) => e.preventDefault());
    on(d, "keydown", (e) => {
      if (e.key == "Escape" && !pop.hidden) {
        if (pop.contains(active())) active().blur();
        dismissed = quote.text;
        hide();
      }
    });
    on(window, "scroll", () => pop.contains(active()) || hide());
  }

  const from = d.referrer && new URL(d.referrer), utm = (k) => param("utm_" + k)?.slice(0, 100);
  const referrer = from && (from.protocol == "android-app:" ? "android-app://" : "") + from.host.toLowerCase();
  if (referrer != location.host) send("arrival", { referrer, token: parent, source: utm("source"), campaign: utm("campaign") });
  const clean = untag(new URL(location.href));
  if (clean.href != location.href) history.replaceState(history.state, "", clean);
})();
