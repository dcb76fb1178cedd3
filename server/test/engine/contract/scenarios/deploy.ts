import { expect } from 'chai';
import type { Scenario } from '../index.ts';
import { DONE } from '../harness.ts';
import { definitions, el, end, job, seq, start } from '../bpmn.ts';

const simple = (id: string, label = 'a') => definitions(id, start() + job('work', DONE, '', 'serviceTask', '') + end() + seq('start', 'work', 'end'), '', ` name="${label}"`);

export function deployScenarios(scenario: Scenario): void {
  scenario('deploys a process as version 1, an unchanged resource keeps its version, a changed one is the next', [], async (w) => {
    const id = w.name('versions');
    const xml = simple(id);
    const [first] = await w.deploy(xml);
    const [again] = await w.deploy(xml);
    const [second] = await w.deploy(simple(id, 'b'));
    expect(first).to.include({ processId: id, version: 1 });
    expect(first.checksum).to.match(/^[0-9a-f]{64}$/);
    expect(again.version).to.equal(1);
    expect(again.key).to.equal(first.key);
    expect(second.version).to.equal(2);
  });

  scenario('starts the latest version unless a version is named', [], async (w) => {
    const id = w.name('pick');
    await w.deploy(simple(id));
    await w.deploy(simple(id, 'b'));
    const latest = await w.engine.startInstance({ processId: id });
    const named = await w.engine.startInstance({ processId: id, version: 1 });
    expect(latest.version).to.equal(2);
    expect(named.version).to.equal(1);
    expect((await w.job(named.processInstanceKey, 'work')).processVersion).to.equal(1);
  });

  scenario('refuses a script task, naming the element', ['deployValidation'], async (w) => {
    const xml = definitions(w.name('script'), start() + el('scriptTask', 'runCode') + end() + seq('start', 'runCode', 'end'));
    const err = await w.deploy(xml).catch((e) => e);
    expect(err.code).to.equal('UNSUPPORTED_ELEMENT');
    expect(err.message).to.contain('runCode');
  });

  scenario('refuses XML with a DOCTYPE before parsing it', ['deployValidation'], async (w) => {
    const xml = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>${simple(w.name('bomb')).replace(/^<\?xml[^>]*>/, '')}`;
    const err = await w.deploy(xml).catch((e) => e);
    expect(err.code).to.equal('BPMN_DOCTYPE_REFUSED');
  });

  scenario('refuses malformed XML and FEEL that does not parse', ['deployValidation'], async (w) => {
    const broken = await w.deploy('<bpmn:definitions').catch((e) => e);
    expect(broken.code).to.equal('BPMN_PARSE_ERROR');
    const feel = definitions(w.name('feel'), start() + job('bad', '= "a" +') + end() + seq('start', 'bad', 'end'));
    const err = await w.deploy(feel).catch((e) => e);
    expect(err.code).to.equal('FEEL_SYNTAX_ERROR');
    expect(err.message).to.contain('bad');
  });
}
