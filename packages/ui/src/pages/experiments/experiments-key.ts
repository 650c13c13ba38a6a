/** The first element of every experiments query key: a change refreshes them all by it. */
export const EXPERIMENTS_KEY = "experiments";
