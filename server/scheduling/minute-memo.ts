const MINUTE = 60_000;

/**
 * What a calendar's answers depend on of `now`: its minute, and whether it is that minute's
 * first millisecond. Dates, hours, «open» and the next opening are read off the wall clock to the
 * minute; a slot is bookable when `start ≥ now + lead`, with starts and the lead in whole
 * minutes, which changes only between a minute's first millisecond and the rest of it. (Time
 * zones whose offset is not whole minutes, local mean times before ~1920, are outside
 * CALENDAR_YEARS.) Answers kept «per minute» are kept under this key.
 */
export const minuteKey = (now: number): number => Math.floor(now / MINUTE) * 2 + (now % MINUTE === 0 ? 0 : 1);

/**
 * Answers kept for one minute (minuteKey) of one database revision, by a key of the request:
 * all forgotten when either changes, or when `max` are kept. An answer is kept as the promise of
 * its work, so that requests at the same moment share one; a promise that rejects is forgotten.
 * The revision must be read before the work reads the database (an answer is then at least as
 * new as its revision).
 */
export class MinuteMemo<T> {
  private minute = NaN;
  private revision = NaN;
  private readonly values = new Map<string, Promise<T>>();
  constructor(private readonly max: number) {}

  /** The kept answer, or `make()`'s (kept unless it rejects). */
  get(minute: number, revision: number, key: string, make: () => Promise<T>): Promise<T> {
    if (minute !== this.minute || revision !== this.revision || this.values.size >= this.max) {
      this.values.clear();
      this.minute = minute;
      this.revision = revision;
    }
    let value = this.values.get(key);
    if (value === undefined) {
      let made: Promise<T>;
      try {
        made = make();
      } catch (error) {
        return Promise.reject(error);
      }
      value = made;
      this.values.set(key, made);
      made.catch(() => {
        if (this.values.get(key) === made) this.values.delete(key);
      });
    }
    return value;
  }
}
