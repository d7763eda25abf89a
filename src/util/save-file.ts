/**
 * Saves `blob` as a download named `name` (an object URL on a temporary link inside `root`, so
 * nothing is added to the host page), then lets the URL go.
 */
export function saveFile(blob: Blob, name: string, root: ParentNode): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  root.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
