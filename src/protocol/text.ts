/**
 * Characters that change how text around them is shown without being seen themselves: C0 and C1
 * controls, DEL, the line and paragraph separators, and the bidirectional controls (LRM, RLM,
 * ALM, the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069). With U+202E a
 * file `счёт\u202Efdp.exe` shows as «счётexe.pdf».
 */
// eslint-disable-next-line no-control-regex
const HIDDEN_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` without HIDDEN_CONTROLS: for names shown to others (file names, operator names). */
export function withoutHiddenControls(text: string): string {
  return text.replace(HIDDEN_CONTROLS, '');
}
