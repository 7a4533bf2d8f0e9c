/**
 * The Java jar of `npm run package` in a fresh Maven project (Java 17): the jar installed into the
 * local Maven repository, org.cdk8s:cdk8s from Maven Central at the version this repository pins
 * for npm, then ReadmeApp.java (readme-app.ts in Java). Its manifests must equal the TypeScript
 * app's, byte for byte.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readmeApp } from './apps/readme-app';
import { PKG, REPO, expectSameManifests, manifests, readmeMainFile, run } from './helpers';

const GROUP = PKG.jsii.targets.java.maven.groupId as string;
const ARTIFACT = PKG.jsii.targets.java.maven.artifactId as string;
const BUILT = path.join(REPO, 'dist-jsii', 'java', ...GROUP.split('.'), ARTIFACT, PKG.version, `${ARTIFACT}-${PKG.version}`);

/** A Maven project with the app's two dependencies; plugin versions pinned (Maven 3.8's defaults predate Java 17). */
function pom(): string {
  const dep = (g: string, a: string, v: string) => `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`;
  const plugin = (a: string, v: string) => `<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>${a}</artifactId><version>${v}</version></plugin>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>readme-app</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    ${dep(GROUP, ARTIFACT, PKG.version)}
    ${dep('org.cdk8s', 'cdk8s', PKG.devDependencies.cdk8s)}
  </dependencies>
  <build><plugins>
    ${plugin('maven-compiler-plugin', '3.13.0')}
    ${plugin('maven-resources-plugin', '3.3.1')}
    ${plugin('maven-dependency-plugin', '3.8.1')}
  </plugins></build>
</project>
`;
}

describe('the Java package in a fresh cdk8s app', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-cdk8s-java-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('the jar installs into the local Maven repository and the app compiles against it and cdk8s from Maven Central', () => {
    if (!fs.existsSync(`${BUILT}.jar`)) throw new Error(`no ${BUILT}.jar (run \`npm run package\` first)`);
    // The built jar replaces any earlier install of the same version.
    let { seconds } = run('mvn', ['-B', '-q', 'org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file', `-Dfile=${BUILT}.jar`, `-DpomFile=${BUILT}.pom`], work);
    process.stderr.write(`java: jar installed in ${seconds.toFixed(0)} s\n`);
    fs.writeFileSync(path.join(work, 'pom.xml'), pom());
    fs.mkdirSync(path.join(work, 'src', 'main', 'java'), { recursive: true });
    fs.copyFileSync(path.join(__dirname, 'apps', 'java', 'ReadmeApp.java'), path.join(work, 'src', 'main', 'java', 'ReadmeApp.java'));
    fs.writeFileSync(path.join(work, 'src', 'main', 'java', 'Main.java'), readmeMainFile('java'));
    ({ seconds } = run('mvn', ['-B', '-q', 'compile', 'dependency:build-classpath', '-Dmdep.outputFile=classpath.txt'], work));
    process.stderr.write(`java: dependencies resolved and app compiled in ${seconds.toFixed(0)} s\n`);
    const classpath = fs.readFileSync(path.join(work, 'classpath.txt'), 'utf8');
    // The package needs cdk8s and constructs only (no cdk8s-plus).
    expect(classpath.split(path.delimiter).map((j) => path.basename(j)).filter((j) => /cdk8s|constructs/.test(j)).sort())
      .toEqual([`cdk8s-${PKG.devDependencies.cdk8s}.jar`, `constructs-${PKG.devDependencies.constructs}.jar`, `${ARTIFACT}-${PKG.version}.jar`]);
  });

  test("the Java app's manifests equal the TypeScript app's, byte for byte", () => {
    const classpath = [path.join(work, 'target', 'classes'), fs.readFileSync(path.join(work, 'classpath.txt'), 'utf8').trim()].join(path.delimiter);
    const { seconds } = run('java', ['-cp', classpath, 'ReadmeApp', path.join(work, 'java-dist')], work);
    process.stderr.write(`java: ReadmeApp synthesized in ${seconds.toFixed(0)} s\n`);
    readmeApp(path.join(work, 'ts-dist'));
    expectSameManifests(manifests(path.join(work, 'java-dist')), manifests(path.join(work, 'ts-dist')));
  });

  test("the README's Main.java renders the install section's chart, byte for byte", () => {
    const classpath = [path.join(work, 'target', 'classes'), fs.readFileSync(path.join(work, 'classpath.txt'), 'utf8').trim()].join(path.delimiter);
    run('java', ['-cp', classpath, 'Main'], work);
    expect(fs.readFileSync(path.join(work, 'dist', 'my-openclaw.k8s.yaml'), 'utf8'))
      .toBe(fs.readFileSync(path.join(work, 'ts-dist', 'my-openclaw.k8s.yaml'), 'utf8'));
  });
});
