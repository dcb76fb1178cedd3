import { expect } from 'chai';
import { testDatabase } from '../../test/support.ts';
import { createEngine } from './factory.ts';

describe('engine factory (ENGINE)', () => {
  it('picks the embedded executor by default, the Zeebe adapter for ENGINE=zeebe, and refuses anything else', async () => {
    const db = await testDatabase('factory');
    try {
      expect(createEngine({ db }).name).to.equal('embedded');
      // Constructing the Zeebe adapter opens no connection; it talks to the gateway only when started.
      expect(createEngine({ engine: 'zeebe', db }).name).to.equal('zeebe');
      expect(() => createEngine({ engine: 'camunda7', db })).to.throw(/Unknown ENGINE 'camunda7'/);
    } finally {
      await db.close();
    }
  });
});
