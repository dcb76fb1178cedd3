import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const javaHome = (env: Record<string, string>) =>
  spawnSync('bash', ['-c', 'ROOT="$PWD"; source scripts/lib/zeebe.sh; zeebe_java_home'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });

describe('scripts/lib/zeebe.sh: the JDK for the real Zeebe test engine', () => {
  it('says plainly that Java 21+ is missing and what to install, when no JDK 21+ is found', () => {
    const run = javaHome({ JAVA_HOME: '', ONEWINDOW_JVM_DIR: '/nonexistent' });
    expect(run.status).to.not.equal(0);
    expect(run.stderr).to.contain('needs a Java 21+ JDK');
    expect(run.stderr).to.contain('apt-get install openjdk-21-jdk-headless');
    expect(run.stderr).to.contain('ONEWINDOW_ZEEBE=off');
  });

  it('passes over a Java 17 JAVA_HOME for a JDK 21+ of the system JVM directory', function () {
    const run = javaHome({ JAVA_HOME: '/usr/lib/jvm/java-17-openjdk-amd64' });
    // Skipped with its reason on a machine without a JDK 21+ in /usr/lib/jvm (the first test covers that case).
    if (run.status !== 0) this.skip();
    const version = spawnSync(`${run.stdout.trim()}/bin/java`, ['-version'], { encoding: 'utf8' }).stderr;
    expect(Number(/version "(\d+)/.exec(version)?.[1])).to.be.at.least(21);
  });
});
