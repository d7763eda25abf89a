/**
 * Driving the feature elements into a state from a story's `play`: values go into the real
 * controls inside the shadow roots with the events a browser fires (input, change, blur), files
 * go through the hidden file input as the picker puts them there, and submit is a click on the
 * real button. Plus the files the stories attach and the request form's draft in IndexedDB.
 */
import { expect, waitFor } from 'storybook/test';
import type { GsFileAttachments } from '../../src/shared/attachments/file-attachments.js';
import type { GsRequestForm } from '../../src/features/request/request-form.js';
import type { RequestFormValue } from '../../src/features/request/request-form-fields.js';
import { DraftStore, type DraftFile } from '../../src/shared/draft-store.js';

// ---------------------------------------------------------------------------------------------
// Finding things

/** The element `tag` in the story's canvas, once it has rendered. */
export async function rendered<T extends HTMLElement & { updateComplete: Promise<boolean> }>(canvas: HTMLElement, tag: string): Promise<T> {
  const element = await waitFor(() => {
    const found = canvas.querySelector<T>(tag);
    expect(found?.shadowRoot).toBeTruthy();
    return found!;
  });
  await element.updateComplete;
  return element;
}

/** The one match of `selector` in `root` (the story fails if there is none). */
export function $<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`${selector} not found`);
  return found;
}

/** Text as read, whitespace collapsed (of a shadow root: its whole rendered tree, not nested ones). */
export const text = (node: Node | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The attachments field inside a request form. */
export const attachmentsOf = (form: GsRequestForm): GsFileAttachments => $<GsFileAttachments>(form.shadowRoot!, 'gs-file-attachments');

/** The file rows of an attachments field. */
export const fileRows = (field: GsFileAttachments): HTMLElement[] => [...field.shadowRoot!.querySelectorAll<HTMLElement>('.file')];

// ---------------------------------------------------------------------------------------------
// Typing

/**
 * Types `value` into the input or textarea `#id` of `root` the way a browser reports it: the
 * value, an `input` event, a `change` event, then `blur` as the citizen leaves the field.
 */
export function typeInto(root: ParentNode, id: string, value: string): void {
  const control = $<HTMLInputElement | HTMLTextAreaElement>(root, `#${id}`);
  control.value = value;
  control.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
  control.dispatchEvent(new FocusEvent('blur'));
}

/** Chooses `value` in the select `#id`. */
export function choose(root: ParentNode, id: string, value: string): void {
  const select = $<HTMLSelectElement>(root, `#${id}`);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Clicks the control `selector` (radios, checkboxes and buttons fire what a real click does). */
export function click(root: ParentNode, selector: string): void {
  $<HTMLElement>(root, selector).click();
}

/** A request a citizen would send: technical problem, answer by e-mail, consent given. */
export const VALID_REQUEST = {
  type: 'technical',
  fullName: 'Иванова Мария Петровна',
  phone: '8 912 345-67-89',
  email: 'maria\u0040example.ru',
  description: 'Не могу войти в личный кабинет: после ввода кода из SMS снова открывается форма входа.',
} as const;

/** Fills the request form with {@link VALID_REQUEST} and ticks the consent. */
export async function fillValidRequest(form: GsRequestForm): Promise<void> {
  const root = form.shadowRoot!;
  choose(root, 'type', VALID_REQUEST.type);
  typeInto(root, 'fullName', VALID_REQUEST.fullName);
  typeInto(root, 'phone', VALID_REQUEST.phone);
  click(root, '#answerChannel');
  typeInto(root, 'email', VALID_REQUEST.email);
  typeInto(root, 'description', VALID_REQUEST.description);
  click(root, '#consent');
  await form.updateComplete;
}

/** Presses «Отправить обращение». */
export async function submit(form: GsRequestForm): Promise<void> {
  click(form.shadowRoot!, 'button.submit');
  await form.updateComplete;
}

// ---------------------------------------------------------------------------------------------
// Files

const MB = 1024 * 1024;

function bytes(head: string | readonly number[], size: number): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(size).fill(0x20);
  data.set(typeof head === 'string' ? new TextEncoder().encode(head) : head);
  return data;
}

/** A real PDF as far as the checks go: its bytes start with `%PDF-`. */
export const pdf = (name: string, size = 180 * 1024): File => new File([bytes('%PDF-1.7\n', size)], name, { type: 'application/pdf' });

/** A PNG screenshot (its signature bytes). */
export const png = (name: string, size = 96 * 1024): File =>
  new File([bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], size)], name, { type: 'image/png' });

/** A PDF of `megabytes` MB: over the 5 MB limit, refused before upload. */
export const bigPdf = (name: string, megabytes = 6): File => pdf(name, megabytes * MB);

/** A text file named .pdf (the browser even guesses application/pdf): its bytes say otherwise. */
export const fakePdf = (name: string): File =>
  new File([bytes('Это не PDF, а текст, сохранённый с другим расширением.\n', 2048)], name, { type: 'application/pdf' });

/** Adds `files` to an attachments field the way the picker does: the file input's files, then `change`. */
export async function attach(field: GsFileAttachments, ...files: File[]): Promise<void> {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  const input = $<HTMLInputElement>(field.shadowRoot!, 'input[type=file]');
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await field.updateComplete;
}

/** Waits until the row of `name` in `field` has the class `is-<status>` (and returns it). */
export async function fileIs(field: GsFileAttachments, name: string, status: string): Promise<HTMLElement> {
  return waitFor(() => {
    const row = fileRows(field).find((r) => text(r.querySelector('.file-name')) === name);
    expect(row?.className ?? `${name}: no row`).toContain(`is-${status}`);
    return row!;
  });
}

// ---------------------------------------------------------------------------------------------
// The request form's draft

/** The form id and database gs-request-form keeps its draft under (DraftStore's defaults). */
export const REQUEST_FORM_ID = 'request';

/** Deletes the request form's draft, so that a story starts from what it shows (or seeds). */
export async function clearRequestDraft(): Promise<void> {
  const store = new DraftStore();
  await store.delete(REQUEST_FORM_ID);
  store.close();
}

/** Stores a draft of the request form, saved at `savedAt`, as a form in another visit would have. */
export async function seedRequestDraft(value: Partial<RequestFormValue>, files: DraftFile[], savedAt: number): Promise<void> {
  const store = new DraftStore({ now: () => savedAt });
  await store.save(REQUEST_FORM_ID, value, files, 'story');
  store.close();
}

/**
 * Per-story isolation of the request form's draft: none before the story renders, and none
 * after it (the story's forms are taken out of the page first, so that the save a form makes
 * when it goes away lands before the delete, not in the next story).
 */
export async function isolateRequestDraft(canvas: HTMLElement): Promise<() => Promise<void>> {
  await clearRequestDraft();
  return async () => {
    for (const form of canvas.querySelectorAll('gs-request-form')) form.remove();
    await clearRequestDraft();
  };
}
