import type { ApiError } from '#protocol/error.js';
import { HttpError } from '../http/errors.js';

type NextSlot = NonNullable<ApiError['error']['nextSlot']>;

/** A slot taken meanwhile by someone else (callbacks, office visits). */
export const SLOT_FULL_MESSAGE = 'Это время только что заняли. Выберите другое время: ближайшее свободное предложено в ответе.';

/** A 409 `conflict` about a time that is not (or no longer) free, carrying the next free slot to offer (`ApiError.error.nextSlot`). */
export class SlotConflict extends HttpError {
  constructor(message: string, nextSlot: NextSlot | undefined) {
    super(409, 'conflict', message, undefined, undefined, nextSlot);
    this.name = 'SlotConflict';
  }
}
