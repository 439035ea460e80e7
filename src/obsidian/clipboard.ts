// Copies text that is still being prepared. WebKit (the iOS and iPadOS apps) accepts a clipboard
// write only during the user's gesture, and a resume pack takes a while to build: so the write starts
// at once, with a ClipboardItem whose content arrives later. Without ClipboardItem the text is
// written when it is ready.

export async function copyWhenReady(text: Promise<string>): Promise<void> {
  const clipboard = navigator.clipboard;
  if (typeof ClipboardItem !== "undefined" && typeof clipboard.write === "function") {
    const blob = text.then((t) => new Blob([t], { type: "text/plain" }));
    await clipboard.write([new ClipboardItem({ "text/plain": blob })]);
    return;
  }
  await clipboard.writeText(await text);
}
