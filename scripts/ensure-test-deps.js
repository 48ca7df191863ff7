#!/usr/bin/env node
// `npm test` does its own set-up on a fresh machine: the browser tests need Debian's Chromium and a CJK font.
// Installs them with apt when missing and we are root; otherwise says what to install.
const { existsSync } = require('node:fs');
const { execSync } = require('node:child_process');

const need = [];
if (!existsSync('/usr/bin/chromium')) need.push('chromium');
if (!existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc')) need.push('fonts-wqy-microhei');
if (need.length === 0) process.exit(0);
if (process.getuid && process.getuid() === 0) {
  console.log(`installing ${need.join(' ')} for the browser tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  execSync(`apt-get install -y -qq --no-install-recommends ${need.join(' ')}`, { stdio: 'inherit', env });
} else {
  console.error(`The browser tests need: sudo apt-get install -y ${need.join(' ')}`);
  process.exit(1);
}
