// Every wait on a board has a deadline: a promise raced against a timer that rejects with the caller's error.

/** Resolves or rejects as `work` does, or rejects with `onExpiry()` once `ms` have passed first. */
export function withDeadline<T>(work: Promise<T>, ms: number, onExpiry: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onExpiry()), ms);
  });
  return Promise.race([work, expiry]).finally(() => clearTimeout(timer));
}
