/**
 * Root hooks for every test file. Tests talk to the real database that scripts/test started (or
 * MONGODB_URI); nothing here mocks it. The network beyond loopback is never needed.
 */
export const mochaHooks = {
  beforeAll() {
    if (!process.env.MONGODB_URI) {
      throw new Error('MONGODB_URI is not set: run the tests through scripts/test, which starts FerretDB');
    }
  },
};
