/*
 * wagtail-darksocial's reader-facing script: share buttons, the quote popover, copy
 * attribution and the events they report (docs/sharing.md, "The script and its events").
 *
 * This is the source. The file sites serve, static/wagtail_darksocial/darksocial.js, is
 * its minified build (`npm run build`); both are committed, so sites need no Node.
 * Budget: the build, gzipped, at most 3 KB. Nothing here may store anything (no cookie,
 * no storage) or load anything from another origin.
 */
(() => {
  // The template renders the settings and translated strings into data-darksocial-config
  // (wagtail_darksocial.sharing.script_config).
  const config = JSON.parse(document.currentScript.dataset.darksocialConfig);
  const strings = config.strings;

  const TOKEN_PATTERN = /^[\w-]{10}$/;
  // The events endpoint stores at most this many characters of utm_source and
  // utm_campaign (MAX_TEXT_LENGTH in the endpoint's validation) and cuts the rest.
  const MAX_TAG_LENGTH = 100;
  // The plugin's own UI and the Wagtail userbar: selections and copies there are not content.
  const OWN_UI = "wagtail-userbar,[data-darksocial]";
  const TEXT_NODE = 3;

  const landingParams = new URLSearchParams(location.search);
  /** A query parameter of the landing URL, or undefined when it is absent or empty. */
  const landingParam = (name) => landingParams.get(name) || undefined;

  // The share token this reader arrived with, if well formed: the parent of their shares.
  const incomingToken = landingParam(config.param);
  const parent = incomingToken && TOKEN_PATTERN.test(incomingToken) ? incomingToken : undefined;

  const privacySignal =
    navigator.globalPrivacyControl || [navigator.doNotTrack, window.doNotTrack].includes("1");

  const quotePopover = document.querySelector("[data-darksocial=quote]");
  const floatingBar = document.querySelector(".darksocial-bar--floating");
  // Touch-first devices: the share sheet leads, and the popover goes below the selection,
  // where the phone's own selection menu (shown above it) does not cover it.
  const touch = matchMedia("(pointer:coarse)").matches;
  const SHOWN_FOR = 5000; // ms a "copied" message stays
  let offeredQuote; // the selection the popover currently offers: {text, words, hash}
  let dismissedText; // the selection text the reader closed the popover on with Escape

  const activeElement = () => document.activeElement;
  const listen = (target, type, handler) => target.addEventListener(type, handler);

  /** Post one event; `page` in `data` overrides the current page. Undefined fields drop out. */
  const send = (type, data) => {
    if (!config.endpoint || privacySignal) return;
    const body = JSON.stringify({ type, page: config.page, ...data });
    if (!navigator.sendBeacon?.(config.endpoint, body)) {
      fetch(config.endpoint, { method: "POST", body, keepalive: true }).catch(() => {});
    }
  };

  /** A fresh share token: 10 URL-safe base64 characters from 8 random bytes. */
  const newToken = () => {
    const bytes = crypto.getRandomValues(new Uint8Array(8));
    return btoa(String.fromCharCode(...bytes))
      .slice(0, 10)
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
  };

  const countWords = (text) => (text.match(/\S+/g) || []).length;

  /** The length bucket a copy is reported in; never the text itself. */
  const lengthBucket = (words) => {
    if (words > 200) return "200+";
    if (words > 50) return "51-200";
    if (words > 10) return "11-50";
    return "1-10";
  };

  /** At most MAX_TAG_LENGTH characters, counted as the server counts them (code points). */
  const truncateTag = (value) => value && Array.from(value).slice(0, MAX_TAG_LENGTH).join("");

  /** `url` without the share token and utm_* parameters (others stay); changed in place. */
  const untag = (url) => {
    // Copy the keys first: deleting while iterating the live list would skip some.
    for (const key of [...url.searchParams.keys()]) {
      if (key === config.param || key.startsWith("utm_")) url.searchParams.delete(key);
    }
    return url;
  };

  /** `base` tagged for `channel` with the share `token`, as wagtail_darksocial.sharing.links does. */
  const taggedUrl = (base, channel, token) => {
    const url = untag(new URL(base));
    const tags = {
      utm_source: channel,
      utm_medium: config.mediums[channel] || "social",
      utm_campaign: config.campaign,
      [config.param]: token,
    };
    for (const name in tags) {
      if (tags[name]) url.searchParams.append(name, tags[name]);
    }
    return url.href;
  };

  /** `text` cut to `max` characters at a word boundary, ending in "…". */
  const shorten = (text, max) => {
    if (text.length <= max) return text;
    return `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
  };

  /** How long a channel's message may be, leaving room for the link where they share one field. */
  const messageLimit = (channel, url) => {
    const [template, max] = config.targets[channel] || ["", 500];
    const linkInMessage = template.includes("{text}%20{url}") ? url.length + 1 : 0;
    return Math.max(max - linkInMessage, 40);
  };

  /** The element itself, or a text node's parent element. */
  const elementOf = (node) => (node?.nodeType === TEXT_NODE ? node.parentElement : node);

  const isFormField = (element) =>
    element && (element.isContentEditable || element.matches("input,textarea"));

  /** Whether a selection boundary lies in the page's content and not in code or a field. */
  const isInContent = (node) => {
    const element = elementOf(node);
    return (
      element?.closest(config.content) &&
      !element.closest(`pre,code,${OWN_UI}`) &&
      !isFormField(element)
    );
  };

  /** Put `text` on the clipboard and announce the outcome in `box`'s status region. */
  const copyToClipboard = async (text, box, doneMessage) => {
    let copied = true;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No async clipboard (insecure context, permission refused): the older command
      // copies the selection of a hidden text area, then focus goes back where it was.
      const focused = activeElement();
      const area = document.body.appendChild(document.createElement("textarea"));
      area.value = text;
      area.style.cssText = "position:fixed;opacity:0";
      area.select();
      copied = document.execCommand("copy");
      area.remove();
      focused.focus();
    }
    const status = box.querySelector("[role=status]");
    // Empty the live region first so that the same message twice is announced twice.
    status.textContent = "";
    clearTimeout(status.timer);
    setTimeout(() => {
      status.textContent = copied ? doneMessage : `${strings.copyFailed} ${text}`;
      // A success fades out; a failure stays until the next selection, for the link in it.
      if (copied) status.timer = setTimeout(() => (status.textContent = ""), SHOWN_FOR);
    }, 100);
    return copied;
  };

  /** A click on a share button, in a bar or in the quote popover, or on a bar's close button. */
  const onShareClick = async (event) => {
    if (event.target.closest?.("[data-dismiss]")) {
      // Hidden for this page view only: nothing is stored.
      floatingBar.hidden = true;
      return;
    }
    const button = event.target.closest?.("[data-ds]");
    const box = button?.closest("[data-darksocial]");
    if (!box) return;
    const boxData = box.dataset;
    const channel = button.dataset.ds;
    const token = newToken();
    const quote = boxData.darksocial === "quote" && offeredQuote;
    // A bar for another page or URL carries its own; else the current page's.
    const page = +boxData.page || config.page;
    const title = boxData.title || config.title;
    const url = taggedUrl(boxData.url || config.url, channel, token) + (quote ? quote.hash : "");
    let text = title;
    if (quote) {
      const room = messageLimit(channel, url) - strings.quote.length;
      text = strings.quote.replace("%s", shorten(quote.text, room));
    } else if (channel === "email") {
      text = boxData.desc || config.desc;
    }
    const reportShare = () => send("share", { page, channel, token, parent });

    if (channel === "copy") {
      const copiedText = quote ? `${text} ${url}` : url;
      const doneMessage = quote ? strings.quoteCopied : strings.copied;
      if (await copyToClipboard(copiedText, box, doneMessage)) {
        reportShare();
        const kind = quote ? "quote" : "link";
        send("copy", { page, kind, bucket: lengthBucket(quote ? quote.words : 1) });
      }
    } else if (channel === "native") {
      // Only a share the sheet reports as done counts; a cancelled sheet rejects.
      navigator.share({ title, text, url }).then(reportShare, () => {});
    } else {
      // The link's own href (rendered without a token) becomes the tokened target
      // before the browser follows it.
      const values = { url, title, text: shorten(text, messageLimit(channel, url)) };
      const template = config.targets[channel][0];
      button.href = template.replace(/{(\w+)}/g, (_, name) => encodeURIComponent(values[name]));
      reportShare();
    }
  };

  /** Copy link and close need this script; the share sheet also needs a browser that has one.
   * On touch-first devices the share sheet moves to the front: it reaches every app. */
  const revealScriptButtons = () => {
    for (const button of document.querySelectorAll(
      "[data-ds=copy],[data-ds=native],[data-dismiss]",
    )) {
      const native = button.dataset.ds === "native";
      button.hidden = native && !navigator.share;
      if (native && touch && !button.hidden)
        button.parentElement.parentElement.prepend(button.parentElement);
    }
  };

  /** Append the tagged link to a copy of content; report the copy either way. */
  const onCopy = (event) => {
    const selection = getSelection();
    const text = selection.toString();
    const words = countWords(text);
    const target = elementOf(event.target);
    if (!words || isFormField(target) || isFormField(activeElement()) || target.closest(OWN_UI)) {
      return;
    }
    send("copy", { kind: "text", bucket: lengthBucket(words) });
    if (
      config.copy === "off" ||
      words < config.copyMin ||
      !isInContent(selection.anchorNode) ||
      !isInContent(selection.focusNode)
    ) {
      return;
    }
    try {
      const token = newToken();
      const url = taggedUrl(config.url, "copy", token);
      const html = document.createElement("div");
      const line = document.createElement("p");
      const link = document.createElement("a");
      // "link" appends the bare link; "text" appends "Read more: <title> <link>".
      const lead = config.copy === "link" ? "" : `${strings.readMore} `;
      html.append(selection.getRangeAt(0).cloneContents());
      link.href = url;
      link.textContent = lead ? config.title : url;
      line.append(lead, link);
      const plainSuffix = (lead && `${lead}${config.title} `) + url;
      event.clipboardData.setData("text/plain", `${text}\n\n${plainSuffix}`);
      event.clipboardData.setData("text/html", html.innerHTML + line.outerHTML);
      event.preventDefault();
      send("share", { channel: "copy", token, parent });
    } catch {
      // Deliberately quiet: until preventDefault() above, the browser's own copy goes
      // ahead untouched, and a reader's copy matters more than our link or a console line.
    }
  };

  /** What a selection change does once it settles: announcements from an earlier copy go,
   * a floating bar steps aside, and the popover is offered (when there is one). */
  let offer;
  let settleTimer;
  const onSelectionSettled = (event) => {
    const selection = getSelection();
    const active = !selection.isCollapsed && isInContent(selection.anchorNode);
    if (active && !event.target.closest?.(OWN_UI)) {
      for (const status of document.querySelectorAll(".darksocial [role=status]")) {
        status.textContent = "";
      }
    }
    // Never over the reader's selection, nor over the popover.
    floatingBar?.classList.toggle("darksocial-away", active);
    offer?.(event);
  };

  /** The quote popover: offered on a selection of content, placed next to it. */
  const setUpQuotePopover = (popover) => {
    const hide = () => {
      popover.hidden = true;
    };
    // Text fragment syntax reserves "-" (and "," and "&", which encodeURIComponent escapes).
    const fragmentPart = (words) => encodeURIComponent(words.join(" ")).replace(/-/g, "%2D");
    const isLetterAt = (node, index) =>
      node.nodeType === TEXT_NODE && /[\p{L}\p{N}]/u.test(node.data[index] || "");

    const offerSelection = (event) => {
      // Leave the popover alone while the reader is using it.
      if (popover.contains(activeElement()) || event.target.closest?.(OWN_UI)) return;
      const selection = getSelection();
      const text = selection.toString().replace(/\s+/g, " ").trim();
      const words = countWords(text);
      if (
        words < config.quoteMin ||
        text === dismissedText ||
        !isInContent(selection.anchorNode) ||
        !isInContent(selection.focusNode) ||
        isFormField(activeElement())
      ) {
        hide();
        return;
      }
      const range = selection.getRangeAt(0);
      const rect = range.getBoundingClientRect();
      const fragmentWords = text.split(" ");
      // Text fragments match whole words: leave out words the selection cuts in two.
      if (isLetterAt(range.startContainer, range.startOffset - 1)) fragmentWords.shift();
      if (isLetterAt(range.endContainer, range.endOffset)) fragmentWords.pop();
      // Long quotes: the first and last four words (#:~:text=start,end) keep the link short.
      const fragment =
        fragmentWords.length > 8
          ? `${fragmentPart(fragmentWords.slice(0, 4))},${fragmentPart(fragmentWords.slice(-4))}`
          : fragmentPart(fragmentWords);
      offeredQuote = { text, words, hash: fragmentWords.length ? `#:~:text=${fragment}` : "" };
      elementOf(range.endContainer).after(popover); // so that Tab from the selection reaches it
      popover.hidden = false;
      // Measured from the viewport's edge, as it will be placed (not from the text's).
      popover.style.left = "0";
      // Above the selection, or below it when there is no room above; on touch, below it
      // (clear of the selection handles and of the phone's own menu above) when it fits.
      const height = popover.offsetHeight;
      const above = rect.top - height - 8;
      const below = rect.bottom + (touch ? 32 : 8);
      const width = popover.offsetWidth;
      const left = rect.x + (rect.width - width) / 2;
      popover.style.top = `${(touch && below + height < innerHeight) || above < 0 ? below : above}px`;
      popover.style.left = `${Math.max(8, Math.min(left, innerWidth - width - 8))}px`;
    };

    offer = offerSelection;
    // A press on the popover must not clear the selection it shares.
    listen(popover, "mousedown", (event) => event.preventDefault());
    listen(document, "keydown", (event) => {
      if (event.key === "Escape" && !popover.hidden) {
        if (popover.contains(activeElement())) activeElement().blur();
        dismissedText = offeredQuote.text;
        hide();
      }
    });
    listen(window, "scroll", () => popover.contains(activeElement()) || hide());
  };

  /** Report a visit from elsewhere (or from nowhere: dark social), then clean the address. */
  const reportArrival = () => {
    // The host only, as the browser reports it, lower case; "" when there is no referrer.
    // An Android app reports itself as android-app://<package>/: keep the scheme so an
    // app and a website of the same name stay apart.
    const from = document.referrer && new URL(document.referrer);
    const scheme = from?.protocol === "android-app:" ? "android-app://" : "";
    const referrer = from ? scheme + from.host.toLowerCase() : "";
    if (referrer !== location.host) {
      send("arrival", {
        referrer,
        token: parent,
        // Cut, not dropped: an over-long tag must not cost the arrival (the server refuses it).
        source: truncateTag(landingParam("utm_source")),
        campaign: truncateTag(landingParam("utm_campaign")),
      });
    }
    // A re-shared address bar must not repeat the token or the tags.
    const clean = untag(new URL(location.href));
    if (clean.href !== location.href) history.replaceState(history.state, "", clean);
  };

  // After the event, so that the selection is final (a click inside one clears it).
  // A long press or a selection handle on a phone fires only selectionchange, often:
  // wait for it to settle.
  for (const type of ["mouseup", "keyup", "selectionchange"]) {
    listen(document, type, (event) => {
      clearTimeout(settleTimer);
      settleTimer = setTimeout(onSelectionSettled, type[0] === "s" ? 300 : 0, event);
    });
  }
  listen(document, "click", onShareClick);
  revealScriptButtons();
  listen(document, "copy", onCopy);
  if (quotePopover) setUpQuotePopover(quotePopover);
  reportArrival();
})();
