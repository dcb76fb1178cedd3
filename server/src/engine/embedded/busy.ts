/**
 * FerretDB on SQLite answers `database is locked (SQLITE_BUSY)` when writes collide; the write did
 * not happen, so it is safe to try again after a short, jittered pause.
 */
const BUSY = /SQLITE_BUSY|database is locked/;
const ATTEMPTS = 60;

export const isBusy = (error: unknown) => BUSY.test(String((error as Error)?.message ?? error));

export async function retryBusy<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error) || attempt >= ATTEMPTS) throw error;
      await new Promise((r) => setTimeout(r, 2 + Math.random() * Math.min(200, 5 * attempt)));
    }
  }
}
