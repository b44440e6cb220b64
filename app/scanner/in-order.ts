/**
 * Hands values on in the order their places were taken, whenever they arrive: a scan's
 * outcomes are applied in listing order whether a file was analysed on the scan's own
 * thread or in a worker thread, so the result is the same either way (which findings are
 * kept under the cap, the order of folders of equal size).
 */
const EMPTY = Symbol("empty");

export class InOrder<T> {
  private slots: (T | typeof EMPTY)[] = [];
  private head = 0;

  constructor(private readonly take: (value: T) => void) {}

  /** Takes the next place and returns how to fill it. */
  reserve(): (value: T) => void {
    const at = this.slots.length;
    this.slots.push(EMPTY);
    return (value) => {
      this.slots[at] = value;
      this.drain();
    };
  }

  /** A value ready now: handed on at once unless earlier places are still empty. */
  push(value: T) {
    if (this.head === this.slots.length) this.take(value);
    else this.reserve()(value);
  }

  get waiting() {
    return this.slots.length - this.head;
  }

  private drain() {
    while (this.head < this.slots.length && this.slots[this.head] !== EMPTY) {
      const value = this.slots[this.head] as T;
      this.slots[this.head++] = EMPTY;
      this.take(value);
    }
    // Everything handed on: start again from an empty array, so memory follows what waits.
    if (this.head === this.slots.length) {
      this.slots = [];
      this.head = 0;
    }
  }
}
