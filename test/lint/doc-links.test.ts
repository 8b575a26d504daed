import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

// Every relative link in README.md, docs/ and the examples' READMEs points at a
// file that exists and, for a markdown target with #anchor, at a heading it has.
const ROOT = join(__dirname, '..', '..');
const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];
for (const dir of readdirSync(join(ROOT, 'examples'))) {
  if (existsSync(join(ROOT, 'examples', dir, 'README.md'))) pages.push(join('examples', dir, 'README.md'));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsIn(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1])));
}

function linksIn(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((href) => !/^[a-z]+:/i.test(href));
}

describe('documentation links', () => {
  it.each(pages)('%s: every relative link and anchor resolves', (page) => {
    const broken: string[] = [];
    for (const href of linksIn(join(ROOT, page))) {
      const [path, anchor] = href.split('#');
      const target = path === '' ? join(ROOT, page) : join(ROOT, dirname(page), path);
      if (!existsSync(target)) broken.push(`${href} (no ${relative(ROOT, target)})`);
      else if (anchor !== undefined && target.endsWith('.md') && !anchorsIn(target).has(anchor)) broken.push(`${href} (no heading #${anchor})`);
    }
    expect(broken).toEqual([]);
  });
});
