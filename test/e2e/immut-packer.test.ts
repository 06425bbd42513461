/**
 * builder: packer (issue 13): Packer installed through @actions/tool-cache from a mirror on 127.0.0.1
 * (Debian's packer 1.6.6, zipped), a template with the Docker builder and the Ansible provisioner (Debian's
 * ansible) that installs a small app into a Debian base image the test makes (debootstrap, docker import);
 * the result is stamped with the version's tags and labels and deployed through the normal gate.
 * Real Docker, Packer, Ansible and registry, driven through the bundled dist/index.js as the runner does.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { cleanupApp, docker, get, running } from '../helpers/docker.js';
import { debianBaseImage, startPackerMirror, type PackerMirror } from '../helpers/packer.js';
import { startRegistry, type Registry } from '../helpers/registry.js';

const APP = 'immpacker';

function template(base: string): string {
  return `variable "version" {
  type = string
}
variable "labels" {
  type = map(string)
}

source "docker" "app" {
  image       = "${base}"
  pull        = false
  commit      = true
  run_command = ["-d", "-i", "-t", "--name", "immpk-\${var.version}", "{{.Image}}", "/bin/bash"]
  changes = [
    "USER 65534:65534",
    "EXPOSE 8080",
    "HEALTHCHECK --interval=1s --timeout=2s CMD [\\"python3\\", \\"-c\\", \\"import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/')\\"]",
    "CMD [\\"python3\\", \\"-m\\", \\"http.server\\", \\"8080\\", \\"--directory\\", \\"/srv/www\\"]",
    "LABEL built-from=\${var.labels["org.opencontainers.image.revision"]}",
  ]
}

build {
  sources = ["source.docker.app"]
  provisioner "ansible" {
    playbook_file   = "./playbook.yml"
    user            = "root"
    extra_arguments = ["--extra-vars", "ansible_host=immpk-\${var.version} ansible_connection=docker app_version=\${var.version}"]
  }
}
`;
}

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - name: the app's directory
      file: { path: /srv/www, state: directory, mode: "0755" }
    - name: the app
      copy: { src: index.html, dest: /srv/www/index.html, mode: "0644" }
    - name: the version it was baked as
      copy: { content: "{{ app_version }}\\n", dest: /srv/www/version.txt, mode: "0644" }
`;

function packerRepo(base: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'packer-app-'));
  writeFileSync(join(dir, 'app.pkr.hcl'), template(base));
  writeFileSync(join(dir, 'playbook.yml'), PLAYBOOK);
  writeFileSync(join(dir, 'index.html'), `${text}\n`);
  const git = (...a: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...a], { encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'golden image');
  return dir;
}

/** Packer's build containers (named by the template) left by a killed run. */
function removeBuildContainers(): void {
  const ids = docker('ps', '-aq', '--filter', 'name=^immpk-').split('\n').filter(Boolean);
  if (ids.length) docker('rm', '-f', ...ids);
}

describe('builder: packer', () => {
  let base: string;
  let mirror: PackerMirror;
  let repo: string;
  let toolCache: string;
  let inputs: Record<string, string>;
  const act = (more: Record<string, string>, cwd = repo) =>
    runAction({ ...inputs, ...more }, { cwd, env: { RUNNER_TOOL_CACHE: toolCache }, timeoutMs: 300_000 });

  beforeAll(async () => {
    cleanupApp(APP);
    removeBuildContainers();
    base = debianBaseImage();
    mirror = await startPackerMirror();
    toolCache = mkdtempSync(join(tmpdir(), 'toolcache-'));
    repo = packerRepo(base, 'golden image');
    inputs = {
      app: APP,
      builder: 'packer',
      'packer-template': 'app.pkr.hcl',
      'packer-version': mirror.version,
      'packer-download-url': mirror.url,
      // The mirror is plain http: the zip is verified against the checksum given.
      'packer-sha256': mirror.sha256,
      'health-timeout': '30',
    };
  }, 600_000); // the first run on a machine debootstraps the base image
  afterAll(async () => {
    await mirror?.stop();
    removeBuildContainers();
    cleanupApp(APP);
  });

  it('bakes the image with Packer and Ansible, stamps it with the version, and deploys it through the gate', async () => {
    const sha = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const version = `sha-${sha.slice(0, 7)}`;
    const r = await act({
      command: 'deploy',
      checks: 'GET / 200 contains "golden image"\nGET /version.txt 200 contains "sha-"',
      policy: 'non-root\nhealthcheck\nlabels',
      'policy-mode': 'enforce',
    });
    expect(r.code, r.log).toBe(0);
    expect(mirror.downloads()).toBe(1);
    expect(r.log).toContain(`Downloading Packer ${mirror.version} from http://127.0.0.1:`);
    expect(r.log).toMatch(/ui,say,==> docker\.app: Provisioning with Ansible/);
    expect(r.log).toMatch(/docker\.app: TASK \[the app\]/);
    expect(r.outputs.version).toBe(version);
    expect((await get(r.outputs.url!)).body).toBe('golden image\n');
    expect((await get(`${r.outputs.url!}/version.txt`)).body).toBe(`${version}\n`);
    expect(r.summary).toContain(': passed');

    // The same tags and labels as a Dockerfile build, on Packer's layers.
    const img = JSON.parse(docker('image', 'inspect', `${APP}:${version}`))[0];
    expect(img.Id).toBe(r.outputs.digest);
    expect(img.Config.Labels).toMatchObject({
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.version': version,
      'org.opencontainers.image.title': APP,
      'dev.immutable-deploy.app': APP,
      'built-from': sha,
    });
    expect(img.Config.User).toBe('65534:65534');
    const [inst] = running(APP);
    expect(docker('container', 'inspect', '--format', '{{.Image}}', inst!.name)).toBe(r.outputs.digest);
  });

  it('takes Packer from the tool cache the second time: downloaded once', async () => {
    const r = await act({ command: 'build', version: 'pk-2' });
    expect(r.code, r.log).toBe(0);
    expect(r.log).toContain(`Packer ${mirror.version} (zip SHA-256 ${mirror.sha256}) from the tool cache`);
    expect(mirror.downloads()).toBe(1);
  });

  it('never moves a pushed version tag to a Packer image of another commit', async () => {
    const registry: Registry = await startRegistry();
    try {
      const image = `${registry.host}/acme/${APP}`;
      const first = await act({ command: 'build', image, version: 'pk-rel', push: 'true' });
      expect(first.code, first.log).toBe(0);
      writeFileSync(join(repo, 'index.html'), 'another commit\n');
      execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', 'change']);
      const second = await act({ command: 'build', image, version: 'pk-rel', push: 'true' });
      expect(second.code).not.toBe(0);
      expect(second.log).toContain('Version tags are never moved');
      expect(second.log).toContain(first.outputs.digest);
    } finally {
      await registry.stop();
      cleanupApp(APP, `${registry.host}/acme/${APP}`);
    }
  }, 400_000);

  it('a template that fails fails the build with Packer\'s own error, and nothing starts', async () => {
    const before = running(APP);
    const broken = packerRepo('immdeb-no-such-base:1', 'never');
    const r = await act({ command: 'deploy' }, broken);
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('packer build app.pkr.hcl exited with 1');
    expect(r.log).toContain('immdeb-no-such-base');
    expect(r.log).not.toContain('Start a fresh instance');
    expect(running(APP)).toEqual(before);
  });
});
