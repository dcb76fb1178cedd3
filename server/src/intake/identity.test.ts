import { expect } from 'chai';
import { isValidIdNumber, isValidUscc, maskName, maskPhone } from './identity.ts';

describe('applicant identity codes', () => {
  it('accepts ID numbers whose check digit is right (GB 11643), including X', () => {
    expect(isValidIdNumber('11010519491231002X')).to.equal(true);
    expect(isValidIdNumber('640502199003071235')).to.equal(true);
    expect(isValidIdNumber('640502198807150014')).to.equal(true);
  });

  it('refuses ID numbers with a wrong check digit, an impossible birth date or the wrong length', () => {
    expect(isValidIdNumber('110105194912310021')).to.equal(false);
    expect(isValidIdNumber('640502198807150013')).to.equal(false);
    expect(isValidIdNumber('640502199002301237')).to.equal(false);
    expect(isValidIdNumber('64050219900307123')).to.equal(false);
    expect(isValidIdNumber('64050219900307123x')).to.equal(false);
  });

  it('accepts the credit codes of the seeded implementing bodies (GB 32100)', () => {
    for (const code of ['1164050064050037XR', '1164050064050555X7', '11640500640502228C', '91110000600037341L']) {
      expect(isValidUscc(code), code).to.equal(true);
    }
  });

  it('refuses credit codes with a wrong check character or a letter outside the alphabet', () => {
    expect(isValidUscc('1164050064050037XA')).to.equal(false);
    expect(isValidUscc('1164050064O50037XR')).to.equal(false);
    expect(isValidUscc('1164050064050037X')).to.equal(false);
  });

  it('masks phone numbers and names for public pages', () => {
    expect(maskPhone('13912342866')).to.equal('139****2866');
    expect(maskName('马建国')).to.equal('马*国');
    expect(maskName('中卫市沙坡头区云杉餐饮有限公司')).to.equal('中卫市****有限公司');
  });
});
