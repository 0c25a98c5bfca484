// axe.js FILE... loads each HTML file in headless Chromium (puppeteer-core
// driving Debian's chromium) and runs axe-core's WCAG 2.1 A/AA and
// best-practice rules; prints one JSON line per file:
// {"file": ..., "violations": [{"id", "impact", "help", "nodes": [html...]}]}
// NODE_PATH must hold puppeteer-core and axe-core; CHROMIUM the browser.
const puppeteer = require('puppeteer-core');
const axeSource = require('fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1024, height: 768 });
    for (const file of process.argv.slice(2)) {
      await page.goto('file://' + file, { waitUntil: 'load' });
      await page.evaluate(axeSource);
      const res = await page.evaluate(async () => {
        const r = await axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
          resultTypes: ['violations'],
        });
        return r.violations.map(v => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160)),
        }));
      });
      console.log(JSON.stringify({ file, violations: res }));
    }
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(e); process.exit(1); });
