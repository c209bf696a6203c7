// The browser walk of RadGestMat: the real binary on SQLite with demo data, Debian's Chromium
// driven by playwright-core, one walk per role. Fails on the first broken step, on any error in
// the browser console (a Content-Security-Policy violation included) and on a horizontal scroll
// on a phone.
//
//   node e2e/run.mjs [--bin path/to/radgestmat] [--shots dir]
//
// Screenshots go to e2e/screenshots/ (or --shots; docs/user-guide/img for the guides).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const targetDir = process.env.CARGO_TARGET_DIR || join(process.env.HOME, '.cache/radgestmat/target');
const bin = arg('--bin', join(targetDir, 'debug/radgestmat'));
const shots = arg('--shots', join(here, 'screenshots'));
mkdirSync(shots, { recursive: true });

const PASSWORD = 'mot-de-passe-e2e-2026';
const USERS = { administratrice: 'admin', informatique: 'it', accueil: 'reception', direction: 'direction' };

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// --- The application -------------------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'radgestmat-e2e-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  RADGESTMAT_DATABASE_URL: `sqlite://${join(dir, 'radgestmat.db')}`,
  RADGESTMAT_LISTEN: `127.0.0.1:${port}`,
  RADGESTMAT_LOG_FORMAT: 'json',
};
const run = (args, input) => {
  const result = spawnSync(bin, args, { env, input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`radgestmat ${args.join(' ')}: ${result.stderr}`);
};
run(['demo-data', '--assets', '300']);
for (const [username, role] of Object.entries(USERS)) {
  run(['user', 'create', '--username', username, '--role', role, '--password-stdin'], `${PASSWORD}\n`);
}
const server = spawn(bin, ['serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
let serverLog = '';
server.stderr.on('data', (chunk) => { serverLog += chunk; });
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/readyz`)).ok) break;
  } catch { /* not yet */ }
  if (i > 100) throw new Error(`the server did not start:\n${serverLog}`);
  await new Promise((r) => setTimeout(r, 100));
}

// --- The browser -----------------------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const problems = [];
let passed = 0;

async function session(username, { locale = 'fr-FR', viewport = { width: 1280, height: 860 } } = {}) {
  const context = await browser.newContext({ locale, viewport, baseURL: base });
  const page = await context.newPage();
  // A page answered 403 or 404 on purpose logs "Failed to load resource"; anything else is a fault.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      problems.push(`${username}: console: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`${username}: page error: ${e.message}`));
  await page.goto('/login');
  await page.getByLabel(/Identifiant|Username/).fill(username);
  await page.getByLabel(/Mot de passe|Password/).fill(PASSWORD);
  await page.getByRole('button', { name: /Se connecter|Sign in/ }).click();
  await page.waitForURL(/\/(dashboard|mine)/);
  return { context, page };
}

async function step(name, body) {
  try {
    await body();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    problems.push(`${name}: ${e.message}`);
    console.log(`FAIL ${name}\n     ${e.message.split('\n')[0]}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// The page from its top, at most 1,300 px high (long lists are cut: the guides need the top).
async function shot(page, name) {
  const { width } = page.viewportSize();
  const height = Math.min(1300, await page.evaluate(() => document.documentElement.scrollHeight));
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true, clip: { x: 0, y: 0, width, height } });
}

async function text(page, selector) {
  return (await page.locator(selector).first().textContent()) ?? '';
}

/// An in-stock laptop's tag, read through the API with the page's session.
async function inStockLaptop(page) {
  const reply = await page.request.get('/api/v1/assets?status=in_stock&q=latitude&limit=1');
  const body = await reply.json();
  expect(body.items.length === 1, 'the demo data has an in-stock Dell Latitude');
  return body.items[0].asset_tag;
}

try {
  // --- Reception: check out a laptop with a due date, check it in, then "already out" --------
  await step('reception checks out a laptop, checks it in, and is told when it is already out', async () => {
    const { context, page } = await session('accueil');
    expect((await text(page, 'h2')).includes('Retours attendus'), 'the desk sees today\'s returns first');
    await shot(page, 'tableau-de-bord-accueil');
    const tag = await inStockLaptop(page);

    await page.getByRole('link', { name: 'Prêter' }).first().click();
    await page.getByLabel('N° d’inventaire (saisi ou scanné)').fill(tag.toLowerCase());
    await page.keyboard.press('Enter');
    await page.getByLabel('Employé (nom, prénom ou matricule)').pressSequentially('ben', { delay: 40 });
    await page.locator('#people input[type=radio]').first().waitFor();   // search as you type
    await page.locator('#people input[type=radio]').first().check();
    const due = await page.getByLabel('Date de retour prévue').inputValue();
    expect(/^\d{4}-\d{2}-\d{2}$/.test(due), `a due date is offered (${due})`);
    await page.getByLabel('Note').fill('Prêt pour le salon');
    await shot(page, 'pret-etape-employe');
    await page.getByRole('button', { name: 'Confirmer le prêt' }).click();
    const done = await text(page, '#done');
    expect(done.includes(`${tag} a été remis à`), `success message: ${done}`);
    expect(/Retour prévu \d{2}\/\d{2}\/\d{4} 18:00/.test(done), `due date in French: ${done}`);
    await shot(page, 'pret-confirme');

    await page.goto(`/desk/checkout?tag=${tag}`);
    const problem = await text(page, '#problem');
    expect(problem.includes(`${tag} est déjà sorti`), `already out: ${problem}`);
    await shot(page, 'pret-deja-sorti');

    await page.getByRole('link', { name: 'Enregistrer son retour' }).click();
    await page.getByRole('button', { name: 'Enregistrer le retour' }).click();    // scan, (condition), done
    expect((await text(page, '#done')).includes(`Retour de ${tag} enregistré`), 'check-in confirmed');
    expect((await text(page, '#done')).includes('En stock'), 'back in stock');
    await shot(page, 'retour-confirme');
    await context.close();
  });

  // --- IT: search, create with a validation error then fix it, handle an alert ---------------
  await step('IT searches, creates an asset after a validation error, handles an alert', async () => {
    const { context, page } = await session('informatique');
    await page.getByRole('link', { name: 'Matériels', exact: true }).click();
    await page.getByLabel('Rechercher', { exact: true }).fill('thinkpad');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    const rows = page.locator('tbody tr');
    expect((await rows.count()) > 0, 'the search finds ThinkPads');
    for (const row of await rows.allTextContents()) expect(/thinkpad/i.test(row), `only ThinkPads: ${row}`);
    await shot(page, 'materiels-recherche');
    await rows.first().locator('a').first().click();
    await page.waitForURL(/\/assets\/\d+$/);
    await shot(page, 'materiel-fiche');

    await page.goto('/assets/new');
    await page.getByLabel('Modèle *').selectOption({ index: 1 });
    await page.getByLabel('Date d’achat').fill('2026-06-01');
    await page.getByLabel('Fin de garantie').fill('2025-06-01');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    expect((await text(page, '#name-error')).includes('ne doit pas être vide'), 'the empty name is pointed out');
    expect((await text(page, '#warranty_end-error')).includes('antérieure'), 'the warranty date is pointed out');
    expect(await page.getByLabel('Désignation *').getAttribute('aria-invalid') === 'true', 'aria-invalid is set');
    await shot(page, 'materiel-formulaire-erreurs');
    await page.getByLabel('Désignation *').fill('Portable de prêt n° 7');
    await page.getByLabel('Fin de garantie').fill('2029-06-01');
    // Locations read "Site — Location"; one chooses its site, another site narrows them.
    const location = page.locator('#location_id option[data-site]').nth(3);
    const [value, site] = [await location.getAttribute('value'), await location.getAttribute('data-site')];
    expect((await location.textContent()).includes(' — '), 'a location is named with its site');
    await page.locator('#location_id').selectOption(value);
    expect(await page.locator('#site_id').inputValue() === site, 'the location chooses its site');
    const other = await page.locator(`#site_id option:not([value="${site}"]):not([value=""])`).first().getAttribute('value');
    await page.locator('#site_id').selectOption(other);
    expect(await page.locator('#location_id').inputValue() === '', 'a location of another site is let go');
    const shown = await page.locator('#location_id optgroup:not([hidden])').evaluateAll((g) => g.map((x) => x.dataset.site));
    expect(shown.every((s) => s === other), `only the site's locations are offered (${shown})`);
    await page.locator('#site_id').selectOption(site);
    await page.locator('#location_id').selectOption(value);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/assets\/\d+\?done=created/);
    expect((await text(page, 'h1')).includes('Portable de prêt n° 7'), 'the new asset is shown');

    await page.getByRole('link', { name: 'Alertes', exact: true }).click();
    await shot(page, 'alertes-boite');
    await page.locator('tbody tr a[href^="/alerts/"]').first().click();
    await page.getByRole('button', { name: 'Prendre en compte' }).click();
    expect((await text(page, '#done')).includes('Alerte prise en compte'), 'acknowledged');
    await page.getByLabel('Note de résolution *').fill('Vérifié sur place, étiquette remplacée');
    await shot(page, 'alerte-cloture');
    await page.getByRole('button', { name: 'Clore l’alerte' }).click();
    expect((await text(page, '#done')).includes('Alerte close'), 'resolved');
    expect((await page.locator('dl.facts').textContent()).includes('étiquette remplacée'), 'the note is kept');

    await page.getByRole('button', { name: 'EN' }).click();
    await page.goto('/dashboard');
    expect((await text(page, 'h1')) === 'Dashboard', 'English after the switch');
    await shot(page, 'dashboard-en');
    await context.close();
  });

  // --- IT: an inventory brought in from a spreadsheet -----------------------------------------
  await step('IT imports a spreadsheet: the dry run shows each row, an error is left out, the rest imported', async () => {
    const { context, page } = await session('informatique');
    await page.getByRole('button', { name: 'FR' }).click(); // the walk before left this user in English
    await page.getByRole('link', { name: 'Administration', exact: true }).click();
    await page.getByRole('link', { name: 'Déposer un fichier' }).click();
    const csv = 'N° d\'inventaire;Désignation;Modèle;Catégorie;Fabricant;Site;Emplacement;Prix d\'achat\r\n'
      + 'IMP-0001;Caisse enregistreuse 1;TPE Ingenico Move 5000;Terminaux de paiement;Ingenico;Magasin Bizerte;Caisse;850,000\r\n'
      + 'IMP-0002;Caisse enregistreuse 2;TPE Ingenico Move 5000;Terminaux de paiement;Ingenico;Magasin Bizerte;Caisse;douze\r\n';
    const latin1 = Buffer.from(csv, 'latin1');
    await page.getByLabel('Fichier *').setInputFiles({ name: 'inventaire-bizerte.csv', mimeType: 'text/csv', buffer: latin1 });
    await page.getByLabel(/Créer les catégories/).check();
    await shot(page, 'import-depot');
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.waitForURL(/\/imports\/\d+$/);
    await page.locator('#counts').waitFor({ timeout: 20000 });
    const counts = await text(page, '#counts');
    expect(/À enregistrer\s*1/.test(counts) && /En erreur\s*1/.test(counts), `the dry run counts: ${counts}`);
    expect((await text(page, '#row-errors')).includes('doit être un montant'), 'the error is said in French, with its column');
    expect((await text(page, '#mapping')).includes('Prix d\'achat'), 'the columns and their fields are shown');
    await shot(page, 'import-essai');
    await page.getByRole('button', { name: 'Importer' }).click();
    expect((await text(page, '.notice.error')).includes('1 ligne est en erreur'), 'an import with an error is refused');
    await page.getByLabel('Laisser de côté les lignes en erreur').check();
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.waitForURL(/\/imports\/\d+$/);
    expect((await text(page, 'h2')).includes('Importé'), 'imported');
    await shot(page, 'import-termine');
    const found = await (await page.request.get('/api/v1/assets/by-tag/IMP-0001')).json();
    expect(found.purchase_cost === 850000 && found.name === 'Caisse enregistreuse 1', `the asset is registered: ${JSON.stringify(found)}`);
    const importPage = page.url();
    // The imported asset's label, from its page; then a sheet for a whole search.
    await page.goto(`/assets/${found.id}`);
    await page.getByRole('link', { name: 'Étiquette', exact: true }).click();
    expect((await text(page, '#label-count')).includes('1 étiquette à imprimer'), 'one label for one asset');
    await page.goto('/assets?q=latitude');
    await page.getByRole('link', { name: 'Imprimer des étiquettes' }).click();
    expect(/\d+ étiquettes à imprimer/.test(await text(page, '#label-count')), 'the search\'s assets');
    await page.getByLabel('Planche ou imprimante').selectOption('avery_l7160');
    await shot(page, 'etiquettes');
    const sheet = await page.request.get('/labels.pdf?q=latitude&layout=avery_l7160&code=qr&start=1');
    expect(sheet.ok() && sheet.headers()['content-type'] === 'application/pdf', 'the PDF of the labels');
    // The imported register sent to repair at once: ticked, previewed, applied.
    await page.goto('/assets?q=IMP-0001');
    await page.locator('details.bulk-box summary').click();
    await page.locator('tbody input[name="ids"]').first().check();
    await page.locator('#set_status').selectOption('in_repair');
    await shot(page, 'modification-groupee');
    await page.getByRole('button', { name: 'Prévisualiser la modification' }).click();
    expect((await text(page, '#bulk-summary')).includes('1 matériel changerait'), 'the preview counts');
    await page.getByRole('button', { name: 'Appliquer à 1 matériel' }).click();
    expect((await text(page, '#done')).includes('1 matériel modifié'), 'applied');
    await context.close();
    const phone = await session('informatique', { viewport: { width: 390, height: 844 } });
    for (const path of ['/imports', importPage]) {
      await phone.page.goto(path);
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width <= 390, `${path} fits the phone (${width} px)`);
    }
    await shot(phone.page, 'telephone-import');
    await phone.context.close();
  });

  // --- IT: the staff list from HR, and a phone found by its IMEI -------------------------------
  await step('IT brings in the staff list and finds the phones by a custom field, shown as a column', async () => {
    const { context, page } = await session('informatique');
    await page.goto('/imports');
    await page.getByLabel('Contenu du fichier').selectOption('employees');
    const csv = 'Matricule;Nom;Prénom;Service;Magasin;Actif\r\nE9001;Kefi;Yasmine;Ventes Bizerte;Magasin Bizerte;oui\r\n';
    await page.getByLabel('Fichier *').setInputFiles({ name: 'personnel.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') });
    await page.getByLabel(/Créer les catégories/).check();
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.waitForURL(/\/imports\/\d+$/);
    await page.locator('#counts').waitFor({ timeout: 20000 });
    expect(/À enregistrer\s*1/.test(await text(page, '#counts')), 'one employee to register');
    expect((await text(page, '#mapping')).includes('Matricule'), 'the staff list\'s columns');
    await shot(page, 'import-personnel');
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.waitForURL(/\/imports\/\d+$/);
    const staff = await (await page.request.get('/api/v1/employees?q=yasmine')).json();
    expect(staff.items.length === 1 && staff.items[0].matricule === 'E9001', `the employee is registered: ${JSON.stringify(staff)}`);
    const phones = await (await page.request.get('/api/v1/categories?q=telephones')).json();
    await page.goto(`/assets?category_id=${phones.items[0].id}`);
    await page.getByRole('checkbox', { name: 'IMEI' }).check();
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/show=imei/);
    const imei = (await page.locator('td[data-label="IMEI"]').first().innerText()).trim();
    expect(/^35\d{13}$/.test(imei), `the IMEI column: ${imei}`);
    await page.getByRole('textbox', { name: 'IMEI' }).fill(imei);
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/custom\.imei=/);
    expect((await text(page, '[role=status]')).includes('1 matériel'), 'one phone has it');
    await shot(page, 'liste-champ-personnalise');
    await context.close();
  });

  // --- Direction: the dashboard, and no edit pages ---------------------------------------------
  await step('management sees the dashboard with the value and cannot reach the edit pages', async () => {
    const { context, page } = await session('direction');
    const figures = await text(page, '.figures');
    expect(/\d[\d\u202f]*,\d{3}\u00a0TND/.test(figures), `value in French format: ${figures}`);
    expect(await page.locator('svg.chart a').count() > 10, 'charts with links');
    await shot(page, 'tableau-de-bord-direction');
    // On a phone every figure fits its card, and the site chart leads to every site.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflowing = await page.locator('.figure').evaluateAll((cards) => cards.filter((c) => c.scrollWidth > c.clientWidth).length);
    expect(overflowing === 0, `${overflowing} figures overflow their card`);
    expect((await text(page, '.all-sites summary')).includes('Voir les'), 'every site one click away');
    await shot(page, 'telephone-tableau-de-bord-direction');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('svg.chart a').first().click();
    await page.waitForURL(/\/assets\?status=/);
    expect(await page.getByRole('link', { name: 'Nouveau matériel' }).count() === 0, 'no create button');
    await page.locator('tbody tr a').first().click();
    expect(await page.getByRole('link', { name: 'Modifier' }).count() === 0, 'no edit button');
    const refused = await page.goto('/assets/new');
    expect(refused.status() === 403, `403 on the edit page (${refused.status()})`);
    expect((await text(page, 'h1')) === 'Accès refusé', 'the friendly 403 page');
    await shot(page, 'acces-refuse');
    await context.close();
  });

  // --- Administration, employees, audit -------------------------------------------------------
  await step('the administrator adds an account, sets an alert rule; employees and the audit log', async () => {
    const { context, page } = await session('administratrice');
    await page.getByRole('link', { name: 'Administration', exact: true }).click();
    await shot(page, 'administration');
    await page.getByRole('link', { name: 'Utilisateurs et rôles' }).click();
    await page.getByLabel('Identifiant *').fill('caissier.sfax');
    await page.getByLabel('Rôle *').selectOption('reception');
    await page.getByLabel('Mot de passe *').fill('court');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    expect((await text(page, '#password-error')).includes('au moins 10 caractères'), 'short password refused');
    await page.getByLabel('Mot de passe *').fill('un mot de passe solide');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    expect((await text(page, 'tbody')).includes('caissier.sfax'), 'the account is listed');
    await shot(page, 'administration-utilisateurs');

    await page.goto('/profile');
    await page.getByLabel('Nom du jeton').fill('douchette-caisse-2');
    await page.getByRole('button', { name: 'Créer un jeton' }).click();
    await page.goto('/admin/users');
    await page.getByRole('link', { name: 'administratrice', exact: true }).click();
    expect((await text(page, '.tokens')).includes('douchette-caisse-2'), 'the account lists its tokens');
    await shot(page, 'administration-compte-jetons');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'telephone-compte-jetons');
    await page.setViewportSize({ width: 1366, height: 768 });

    await page.goto('/admin/alerts');
    const rule = page.locator('#loan_overdue');
    await rule.getByLabel('Destinataires supplémentaires (un courriel par ligne)').fill('parc@exemple.tn');
    await rule.getByRole('button', { name: 'Enregistrer' }).click();
    expect((await text(page, '#done')).includes('Modifications enregistrées'), 'rule saved');
    await shot(page, 'administration-alertes');

    await page.goto('/admin');
    await page.getByRole('link', { name: 'Notifications (courriel, webhook)' }).click();
    await page.getByLabel('Serveur SMTP').fill('smtp.exemple.tn');
    await page.getByLabel('Identifiant').fill('parc@exemple.tn');
    await page.getByLabel('Mot de passe', { exact: true }).fill('mot-de-passe-smtp');
    await page.getByLabel('Expéditeur').fill('RadGestMat <parc@exemple.tn>');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    expect((await text(page, '#done')).includes('Modifications enregistrées'), 'notification settings saved');
    expect((await text(page, '#smtp_password-state')).includes('Enregistré et chiffré'), 'the password is stored');
    expect(await page.getByLabel('Mot de passe', { exact: true }).inputValue() === '', 'and never shown back');
    await shot(page, 'administration-notifications');

    await page.goto('/admin/sites');
    await shot(page, 'administration-sites');
    await page.getByRole('link', { name: 'Employés', exact: true }).click();
    await page.locator('tbody tr a').first().click();
    await shot(page, 'employe-fiche');
    await page.getByRole('link', { name: 'Journal', exact: true }).click();
    await page.getByRole('link', { name: 'Vérifier la chaîne' }).click();
    expect((await text(page, '#verify')).includes('Chaîne intègre'), 'the chain verifies');
    await shot(page, 'journal-audit');
    await context.close();
  });

  // --- An employee: their equipment, receipt and a problem report -----------------------------
  await step('an employee linked by matricule sees what they hold, confirms receipt and reports a problem', async () => {
    const admin = await session('administratrice');
    const loans = await (await admin.page.request.get('/api/v1/assignments?open=true&limit=50')).json();
    const loan = loans.items.find((l) => l.employee_id);
    expect(loan, 'the demo data has equipment held by an employee');
    const holder = await (await admin.page.request.get(`/api/v1/employees/${loan.employee_id}`)).json();
    await admin.page.goto('/admin/users');
    await admin.page.getByLabel('Identifiant *').fill('employe.e2e');
    await admin.page.getByLabel('Rôle *').selectOption('employee');
    await admin.page.getByLabel('Employé (matricule)').fill(holder.matricule);
    await admin.page.getByLabel('Mot de passe *').fill(PASSWORD);
    await admin.page.getByRole('button', { name: 'Enregistrer' }).click();
    expect((await text(admin.page, 'tbody')).includes('employe.e2e'), 'the account is listed');
    await admin.context.close();

    for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
      const { context, page } = await session('employe.e2e', { viewport });
      expect(page.url().endsWith('/mine'), 'an employee lands on their equipment');
      const card = page.locator(`#loan-${loan.id}`);
      expect((await card.textContent()).includes(loan.asset_tag), 'the loan is listed with its tag');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width <= viewport.width, `/mine fits (${width} px)`);
      if (viewport.width > 400) {
        await shot(page, 'mon-materiel');
        await card.getByRole('button', { name: 'J’ai bien reçu ce matériel' }).click();
        expect((await text(page, '#done')).includes('la réception est enregistrée'), 'receipt recorded');
        await page.locator(`#loan-${loan.id} summary`).click();
        await page.locator(`#loan-${loan.id}`).getByLabel('Que se passe-t-il ?').fill('Le chargeur chauffe beaucoup.');
        await page.locator(`#loan-${loan.id}`).getByRole('button', { name: 'Envoyer au service informatique' }).click();
        expect((await text(page, '#done')).includes('transmis au service informatique'), 'problem reported');
      } else {
        await shot(page, 'telephone-mon-materiel');
      }
      await context.close();
    }
    const it = await session('informatique');
    await it.page.goto('/alerts?kind=problem_reported');
    expect((await text(it.page, 'main')).includes('Le chargeur chauffe beaucoup.'), 'the IT service has the report');
    await shot(it.page, 'alerte-probleme-signale');
    await it.context.close();
  });

  // --- Scanning and the header's box ----------------------------------------------------------
  await step('the camera scanner decodes without the browser\'s BarcodeDetector; the header finds a tag or a holder', async () => {
    const { context, page } = await session('accueil');
    await page.goto('/desk/checkin');
    expect(await page.locator('button[data-scan]').isVisible(), 'the camera button is offered');
    const png = `data:image/png;base64,${readFileSync(join(here, 'fixtures/qr-kit-000001.png')).toString('base64')}`;
    const read = await page.evaluate(async (src) => {
      const native = 'BarcodeDetector' in window;
      const Detector = await window.radgestmatDetector();
      const image = new Image();
      image.src = src;
      await image.decode();
      const codes = await new Detector({ formats: ['qr_code'] }).detect(image);
      return { native, codes: codes.map((c) => c.rawValue) };
    }, png);
    expect(read.codes.length === 1 && read.codes[0] === 'KIT-000001', `the QR code is read: ${JSON.stringify(read)}`);
    console.log(`     (native BarcodeDetector: ${read.native})`);

    const tag = await inStockLaptop(page);
    await page.getByRole('searchbox', { name: /Rechercher un matériel/ }).fill(tag);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/assets\/\d+$/);
    expect((await text(page, 'h1')).includes(tag), 'a tag opens its asset');
    const loans = await (await page.request.get('/api/v1/assignments?open=true&limit=20')).json();
    const held = loans.items.find((l) => l.employee_id);
    const holder = await (await page.request.get(`/api/v1/employees/${held.employee_id}`)).json();
    await page.getByRole('searchbox', { name: /Rechercher un matériel/ }).fill(holder.last_name);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/assets\?q=/);
    expect((await text(page, 'tbody')).includes(held.asset_tag), `a holder's name finds what they hold (${held.asset_tag})`);
    await context.close();
  });

  // --- A phone ---------------------------------------------------------------------------------
  await step('the desk works on a 360 px phone', async () => {
    const { context, page } = await session('accueil', { viewport: { width: 360, height: 740 } });
    for (const path of ['/dashboard', '/desk/checkout', '/assets', '/alerts', '/scan?tag=KIT-000001']) {
      await page.goto(path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width <= 360, `${path} fits the phone (${width} px)`);
    }
    const tag = await inStockLaptop(page);
    await page.goto(`/desk/checkout?tag=${tag}`);
    await shot(page, 'telephone-pret');
    await page.goto(`/scan?tag=${tag}`);
    expect((await text(page, '#scanned')).includes(tag), 'the scanner opens the scanned asset');
    await shot(page, 'telephone-scanner');
    await page.goto('/assets');
    expect(!(await page.locator('details.filters-box').evaluate((d) => d.open)), 'the filters fold on a phone');
    await shot(page, 'telephone-materiels');
    await page.goto('/dashboard');
    const header = await page.evaluate(() => document.querySelector('header.top').getBoundingClientRect().height);
    expect(header <= 80, `a compact header (${header} px)`);
    const pills = await page.locator('.badge').evaluateAll((all) => all.map((b) => b.getBoundingClientRect()));
    expect(pills.every((r) => r.height <= 24 && r.right <= 360), `badges are pills inside the screen: ${JSON.stringify(pills[0])}`);
    await shot(page, 'telephone-tableau-de-bord');
    await page.locator('label.menu-button').click();
    expect(await page.getByRole('link', { name: 'Alertes', exact: true }).isVisible(), 'the menu opens');
    await shot(page, 'telephone-menu');
    await context.close();
  });

  // --- Accessibility: axe-core's WCAG 2 A and AA rules on every main page, light and dark -------
  await step('the main pages pass axe-core (WCAG 2 AA: labels, contrast, landmarks), light and dark', async () => {
    const axe = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
    const pages = ['/dashboard', '/assets', '/assets/1', '/assets/new', '/desk/checkout?tag=KIT-000001', '/desk/checkin',
      '/employees', '/alerts', '/audit', '/admin', '/admin/sites', '/admin/users', '/admin/users/1', '/admin/alerts',
      '/admin/notifications', '/profile', '/mine', '/imports', '/imports/1', '/labels?ids=1', '/scan?tag=KIT-000001'];
    for (const scheme of ['light', 'dark']) {
      const { context, page } = await session('administratrice');
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of pages) {
        await page.goto(path);
        // The page forbids inline scripts; axe is evaluated through the debugging protocol.
        await page.evaluate(axe);
        const violations = await page.evaluate(async () => {
          const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
          return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(' ')}`);
        });
        expect(violations.length === 0, `${scheme} ${path}: ${violations.join('; ')}`);
      }
      await context.close();
    }
  });

  // --- Keyboard --------------------------------------------------------------------------------
  await step('the keyboard reaches the content first, focus is visible', async () => {
    const { context, page } = await session('direction');
    await page.goto('/dashboard');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement.className) === 'skip', 'the skip link comes first');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.closest('main') !== null);
    expect(focused, 'after the skip link, the focus is in the content');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    expect(outline !== 'none', `focus is visible (${outline})`);
    await context.close();
    const anonymous = await browser.newPage({ locale: 'fr-FR' });
    await anonymous.goto(`${base}/login`);
    await shot(anonymous, 'connexion');
    await anonymous.close();
  });
} finally {
  await browser.close();
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.log(`\n${problems.length} problem(s):\n - ${problems.join('\n - ')}`);
  process.exit(1);
}
console.log(`\nall ${passed} walks passed; screenshots in ${shots}`);
