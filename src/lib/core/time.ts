// Units of time in milliseconds, shared by the scheduler and the queue.
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
