import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, get } from '../../../platform/tenancy/testing.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { rsaModule } from '../index.ts';
import { twoTerritories } from './staff.testing.ts';
import { newBeneficiary } from './testing.ts';

type World = Awaited<ReturnType<typeof twoTerritories>>;

/** The names shown in the list's table (desktop), in order. */
function namesIn(html: string): string[] {
  const table = html.split('<table')[1]?.split('</table>')[0] ?? '';
  return [...table.matchAll(/href="\/rsa\/beneficiaires\/[0-9a-f-]{36}">([^<]+)</g)].map((m) => m[1]!);
}

/** "Non invité · 3" in the status summary. */
function countOf(html: string, label: string): number | undefined {
  const match = new RegExp(`>${label} · ([\\d\\s\\u202f]+)<`).exec(html);
  return match ? Number(match[1]!.replace(/\D/g, '')) : undefined;
}

/** A CSV file back into rows of cells (quoted cells with ; or quotes inside handled). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('list of beneficiaries', () => {
  let t: TestContext;
  let w: World;
  const db = () => t.platform.database.db;

  beforeAll(async () => {
    t = await startTestApp({}, [rsaModule]);
    w = await twoTerritories(db());
    const laSeyne = { organisationId: w.utsLaSeyne.id };
    await newBeneficiary(db(), {
      ...laSeyne,
      lastName: 'Martin',
      firstName: 'Aïcha',
      rightsOpenedOn: '2025-01-10',
      allocataireNumber: '1111111',
      phone: '+33611111111',
      referentAgentId: w.laSeyneAgent.id,
      tags: ['jeune', 'sans voiture'],
    });
    await newBeneficiary(db(), {
      ...laSeyne,
      lastName: 'Bernard',
      firstName: 'Louis',
      rightsOpenedOn: '2024-11-03',
      allocataireNumber: '2222222',
      status: 'invitation_envoyee',
      communeCode: '83137',
      communeName: 'Toulon',
      postalCode: '83000',
    });
    await newBeneficiary(db(), {
      ...laSeyne,
      lastName: 'Durand',
      firstName: 'Zoé',
      rightsOpenedOn: '2025-02-20',
      allocataireNumber: '3333333',
      status: 'rdv_honore',
      firstMetAt: new Date('2025-03-01T09:00:00Z'),
      address: '=HYPERLINK("http://x")',
    });
    await newBeneficiary(db(), {
      organisationId: w.utsDraguignan.id,
      lastName: 'Petit',
      firstName: 'Noé',
      rightsOpenedOn: '2025-01-25',
      communeCode: '83050',
      communeName: 'Draguignan',
      postalCode: '83300',
    });
    await newBeneficiary(db(), {
      organisationId: w.pau.id,
      lastName: 'Etcheverry',
      firstName: 'Mikel',
      rightsOpenedOn: '2024-12-01',
      communeCode: '64445',
      communeName: 'Pau',
      postalCode: '64000',
    });
    // An anonymised record is listed for no one.
    await newBeneficiary(db(), { ...laSeyne, lastName: 'Anonyme', anonymisedAt: new Date() });
  });
  afterAll(() => t.close());

  it('shows the longest waiting first, with the days waited and the counts per status', async () => {
    const response = await get(t, '/rsa', w.laSeyneAgent.cookie);
    expect(response.statusCode).toBe(200);
    expect(namesIn(response.body)).toEqual(['BERNARD Louis', 'MARTIN Aïcha', 'DURAND Zoé']);
    expect(countOf(response.body, 'Tous')).toBe(3);
    expect(countOf(response.body, 'Non invité')).toBe(1);
    expect(countOf(response.body, 'Invitation envoyée')).toBe(1);
    expect(countOf(response.body, 'RDV honoré')).toBe(1);
    expect(response.body).toContain('<caption>3 personnes</caption>');
    // Zoé Durand met her référent 9 days after her rights opened.
    expect(response.body).toContain('vu après 9 jours');
    expect(response.body).not.toContain('Anonyme');
  });

  it('filters by status, commune (name or INSEE code), month, référent and text; counts follow the other filters', async () => {
    const names = async (query: string) =>
      namesIn((await get(t, `/rsa${query}`, w.laSeyneAgent.cookie)).body);
    expect(await names('?statut=non_invite')).toEqual(['MARTIN Aïcha']);
    expect(await names('?commune=toulon')).toEqual(['BERNARD Louis']);
    expect(await names('?commune=83126')).toEqual(['MARTIN Aïcha', 'DURAND Zoé']);
    expect(await names('?commune=la%20seyne')).toEqual(['MARTIN Aïcha', 'DURAND Zoé']);
    expect(await names('?mois=2025-01')).toEqual(['MARTIN Aïcha']);
    expect(await names('?mois=11%2F2024')).toEqual(['BERNARD Louis']);
    expect(await names(`?referent=${w.laSeyneAgent.id}`)).toEqual(['MARTIN Aïcha']);
    expect(await names('?referent=aucun')).toEqual(['BERNARD Louis', 'DURAND Zoé']);
    expect(await names('?q=aich')).toEqual([]); // accents are part of the name as written
    expect(await names('?q=a%C3%AFcha%20mart')).toEqual(['MARTIN Aïcha']);
    expect(await names('?q=2222222')).toEqual(['BERNARD Louis']);
    expect(await names('?q=06%2011%2011%2011%2011')).toEqual(['MARTIN Aïcha']);
    expect(await names('?tri=nom')).toEqual(['BERNARD Louis', 'DURAND Zoé', 'MARTIN Aïcha']);
    expect(await names('?tri=recent')).toEqual(['DURAND Zoé', 'MARTIN Aïcha', 'BERNARD Louis']);

    const filtered = await get(t, '/rsa?commune=83126&statut=non_invite', w.laSeyneAgent.cookie);
    expect(countOf(filtered.body, 'Tous')).toBe(2);
    expect(countOf(filtered.body, 'Non invité')).toBe(1);
    expect(countOf(filtered.body, 'Invitation envoyée')).toBeUndefined();
  });

  it('answers a wrong filter with its message beside the field', async () => {
    const response = await get(t, '/rsa?mois=2025-13&statut=inconnu', w.laSeyneAgent.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Saisissez un mois au format AAAA-MM');
    expect(response.body).toContain('Choisissez un statut dans la liste.');
  });

  it('keeps each territory to itself: UTS, direction, another département, operator', async () => {
    const names = async (cookie: string) => namesIn((await get(t, '/rsa', cookie)).body).sort();
    expect(await names(w.pauAgent.cookie)).toEqual(['ETCHEVERRY Mikel']);
    expect(await names(w.draguignanAgent.cookie)).toEqual(['PETIT Noé']);
    expect(await names(w.directionAgent.cookie)).toEqual([
      'BERNARD Louis',
      'DURAND Zoé',
      'MARTIN Aïcha',
      'PETIT Noé',
    ]);
    const all = await names(w.operator.cookie);
    expect(all).toEqual(expect.arrayContaining(['ETCHEVERRY Mikel', 'PETIT Noé', 'MARTIN Aïcha']));
    // Exports follow the same scope.
    const csv = await get(t, '/rsa/export.csv', w.pauAgent.cookie);
    expect(csv.body).toContain('Etcheverry');
    expect(csv.body).not.toContain('Martin');
  });

  it('offers checkboxes and bulk invitation to agents, not to read-only members', async () => {
    const agent = await get(t, '/rsa', w.laSeyneAgent.cookie);
    expect(agent.body).toContain('action="/rsa/invitations"');
    expect(agent.body).toMatch(/type="checkbox" id="choisir-[0-9a-f-]{36}" name="ids" value="[0-9a-f-]{36}"/);
    expect(agent.body).toContain('Inviter la sélection');
    expect(agent.body).toContain('name="retour" value="/rsa"');
    expect(agent.body).toContain('Inviter tous les non invités du filtre (1)');
    const reader = await get(t, '/rsa', w.laSeyneReader.cookie);
    expect(namesIn(reader.body)).toHaveLength(3);
    expect(reader.body).not.toContain('name="ids"');
    expect(reader.body).not.toContain('Inviter la sélection');
  });

  it('gathers every non-invited person of the filter on a confirmation page for the bulk route', async () => {
    const response = await get(t, '/rsa/inviter-la-liste?commune=83126', w.directionAgent.cookie);
    expect(response.statusCode).toBe(200);
    const ids = [...response.body.matchAll(/name="ids" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(1);
    expect(response.body).toContain('name="retour" value="/rsa?commune=83126"');
    expect(response.body).toContain('action="/rsa/invitations"');
    const reader = await get(t, '/rsa/inviter-la-liste', w.laSeyneReader.cookie);
    expect(reader.body).not.toContain('name="ids"');
  });

  it('paginates 50 at a time and keeps the filters in the page links', async () => {
    for (let i = 0; i < 52; i++) {
      await newBeneficiary(db(), {
        organisationId: w.utsDraguignan.id,
        lastName: `Page${String(i).padStart(2, '0')}`,
        firstName: 'Test',
        rightsOpenedOn: '2023-06-01',
        tags: ['pagination'],
        communeCode: '83050',
        communeName: 'Draguignan',
      });
    }
    const first = await get(t, '/rsa?commune=draguignan&tri=nom', w.draguignanAgent.cookie);
    expect(namesIn(first.body)).toHaveLength(50);
    expect(first.body).toContain('53 personnes (de 1 à 50)');
    expect(first.body).toContain('href="/rsa?commune=draguignan&amp;tri=nom&amp;page=2"');
    const second = await get(t, '/rsa?commune=draguignan&tri=nom&page=2', w.draguignanAgent.cookie);
    expect(namesIn(second.body)).toEqual(['PAGE50 Test', 'PAGE51 Test', 'PETIT Noé']);
    expect(second.body).toContain('aria-current="page" title="Page 2"');
    // A page past the end shows the last one.
    const past = await get(t, '/rsa?commune=draguignan&tri=nom&page=9', w.draguignanAgent.cookie);
    expect(namesIn(past.body)).toEqual(['PAGE50 Test', 'PAGE51 Test', 'PETIT Noé']);
  });

  it('exports the filtered list as CSV (semicolons, BOM, formulas defused) and XLSX, audited', async () => {
    const csv = await get(t, '/rsa/export.csv?commune=83126', w.laSeyneAgent.cookie);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="beneficiaires-rsa-\d{8}\.csv"$/,
    );
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(csv.body.replace(/^\uFEFF/, ''));
    expect(rows[0]!.slice(0, 4)).toEqual(['Numéro allocataire', 'Rôle', 'Nom', 'Prénom']);
    expect(rows).toHaveLength(3);
    const martin = rows.find((r) => r[2] === 'Martin')!;
    const header = rows[0]!;
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    expect(cell(martin, 'Téléphone')).toBe('06 11 11 11 11');
    expect(cell(martin, 'Ouverture des droits')).toBe('10/01/2025');
    expect(cell(martin, 'Statut')).toBe('Non invité');
    expect(cell(martin, 'Étiquettes')).toBe('jeune, sans voiture');
    expect(cell(martin, 'Référent')).toBe(`${w.laSeyneAgent.firstName} ${w.laSeyneAgent.lastName}`);
    const durand = rows.find((r) => r[2] === 'Durand')!;
    expect(cell(durand, 'Adresse')).toBe('\'=HYPERLINK("http://x")');
    expect(cell(durand, 'Premier RDV honoré le')).toBe('01/03/2025');

    const xlsx = await get(t, '/rsa/export.xlsx?statut=non_invite', w.laSeyneAgent.cookie);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = XLSX.read(xlsx.rawPayload, { type: 'buffer', cellNF: true });
    const sheet = book.Sheets[book.SheetNames[0]!]!;
    const data = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { raw: true });
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ Nom: 'Martin', Prénom: 'Aïcha', 'Numéro allocataire': '1111111' });
    // Dates are real dates for the spreadsheet: 10/01/2025 is day 45667 counted from 1899-12-30.
    expect(sheet.L1?.v).toBe('Ouverture des droits');
    expect(sheet.L2).toMatchObject({ t: 'n', v: 45667, z: 'dd/mm/yyyy' });

    const exports = await auditTrail(db(), { action: 'export', actorId: w.laSeyneAgent.id });
    expect(exports.map((e) => e.details)).toEqual([
      expect.objectContaining({ format: 'csv', commune: '83126', count: 2 }),
      expect.objectContaining({ format: 'xlsx', statut: 'non_invite', count: 1 }),
    ]);
    await get(t, '/rsa?commune=83126&q=martin', w.laSeyneAgent.cookie);
    const lists = await auditTrail(db(), {
      action: 'list',
      resourceType: 'rsa_beneficiary',
      actorId: w.laSeyneAgent.id,
    });
    // The filters used are kept, not the text searched.
    expect(lists.at(-1)!.details).toEqual({ commune: '83126', recherche: true, page: 1, count: 1 });
  });

  it('asks to sign in first', async () => {
    const response = await get(t, '/rsa');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('/connexion');
    expect((await get(t, '/rsa/export.csv')).statusCode).toBe(303);
  });
});
