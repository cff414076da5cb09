// Saves text as a file the user downloads (extension pages and the popup).
export function saveTextFile(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has started by then; the object URL only has to outlive the click.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
