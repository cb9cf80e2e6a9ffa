import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { createIndicatorRegistry } from '../../../platform/indicators/indicators.ts';
import { newAppointmentType } from '../../../platform/scheduling/testing.ts';
import { newAgent, newOrganisation, newTerritory } from '../../../platform/testing/factories.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { ORIENTATION_CATEGORY } from '../appointment-sync.ts';
import type { BeneficiaryStatus } from '../status.ts';
import { rsaIndicators } from './indicators.ts';
import { computeRsaStats } from './stats.service.ts';
import { newLinkedAppointment, newStatsBeneficiary } from './testing.ts';

/**
 * The statistics on a dataset small enough to check by hand. Today is 15 June 2030 (Paris), so the
 * 12-month cohort is the people whose rights opened from 15 June 2029 to 15 June 2030, and « at
 * least 30 days ago » means on or before 16 May 2030.
 *
 *  #  org  rights opened  first met (local)        delay  status              appointments (kind, participation, booked via)
 *  1  A    2030-01-10     2030-01-20               10     rdv_honore          invitation vu (invitation); earlier non-orientation vu (agent)
 *  2  A    2030-02-01     2030-03-03               30     oriente             invitation vu (public)
 *  3  A    2030-02-15     2030-04-06               50     oriente             convocation absent (agent), then convocation vu (agent)
 *  4  A    2029-12-01     2029-12-21               20     rdv_honore          invitation vu (invitation)
 *  5  A    2030-05-01     2030-05-06                5     rdv_honore          invitation vu (invitation)
 *  6  A    2030-03-01     2030-04-01 00:30 (= 31 March 22:30 UTC)  31  rdv_honore   invitation vu (api)
 *  7  A    2030-05-20     —                             invitation_envoyee  invitation cancelled (public)
 *  8  A    2030-04-01     —                             absent              invitation excusé (invitation), then invitation absent (invitation)
 *  9  A    2030-03-10     —                             clos                one appointment absent named by an invitation AND a convocation (agent)
 * 10  A    2030-06-01     —                             non_invite
 * 11  A    2029-05-01     2029-05-11               10     oriente             invitation absent (invitation) — outside 12 months
 * 12  B    2030-01-05     2030-03-06               60     rdv_honore          invitation vu (invitation)
 * 13  A    (no date)                                    non_invite
 * 14  other territory: 2030-01-10, met the next day, invitation absent — never counted here
 */
describe('RSA statistics on a known dataset', () => {
  let t: TestContext;
  let db: Db;
  const now = new Date('2030-06-15T10:00:00Z');
  const ids = { territory: '', organisationA: '', organisationB: '', otherTerritory: '' };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.platform.database.db;
    const territory = await newTerritory(db);
    const a = await newOrganisation(db, { territoryId: territory.id, kind: 'uts' });
    const b = await newOrganisation(db, { territoryId: territory.id, kind: 'uts' });
    const other = await newTerritory(db);
    const otherOrganisation = await newOrganisation(db, { territoryId: other.id, kind: 'uts' });
    Object.assign(ids, {
      territory: territory.id,
      organisationA: a.id,
      organisationB: b.id,
      otherTerritory: other.id,
    });
    const agent = await newAgent(db, { memberships: [{ organisationId: a.id, role: 'agent' }] });
    const orientation = await newAppointmentType(db, {
      organisationId: a.id,
      category: ORIENTATION_CATEGORY,
    });
    const otherType = await newAppointmentType(db, { organisationId: a.id, category: 'Suivi' });

    type Appointment = {
      at: string;
      status: 'vu' | 'absent' | 'excuse' | 'annule';
      via: 'agent' | 'public' | 'invitation' | 'api';
      linkedAs?: ('invitation' | 'convocation')[];
      cancelled?: boolean;
      typeId?: string;
      bookedDaysBefore?: number;
    };
    const person = async (
      organisationId: string,
      territoryId: string,
      rightsOpenedOn: string | null,
      firstMetAt: string | null,
      status: BeneficiaryStatus,
      appointments: Appointment[] = [],
    ) => {
      const beneficiary = await newStatsBeneficiary(db, {
        territoryId,
        organisationId,
        rightsOpenedOn,
        firstMetAt: firstMetAt ? new Date(firstMetAt) : null,
        status,
      });
      for (const appointment of appointments) {
        await newLinkedAppointment(db, {
          beneficiary,
          agentId: agent.id,
          appointmentTypeId: appointment.typeId ?? orientation.id,
          startsAt: new Date(appointment.at),
          status: appointment.status,
          via: appointment.via,
          linkedAs: appointment.linkedAs,
          cancelled: appointment.cancelled,
          bookedDaysBefore: appointment.bookedDaysBefore,
        });
      }
    };
    const T = territory.id;
    const inv = ['invitation'] as const;
    const conv = ['convocation'] as const;
    // 1: the non-orientation appointment was booked first (by an agent): it is not the first orientation booking.
    await person(a.id, T, '2030-01-10', '2030-01-20T08:00:00Z', 'rdv_honore', [
      { at: '2029-12-01T08:00:00Z', status: 'vu', via: 'agent', typeId: otherType.id, bookedDaysBefore: 30 },
      { at: '2030-01-20T08:00:00Z', status: 'vu', via: 'invitation', linkedAs: [...inv] },
    ]);
    await person(a.id, T, '2030-02-01', '2030-03-03T08:00:00Z', 'oriente', [
      { at: '2030-03-03T08:00:00Z', status: 'vu', via: 'public', linkedAs: [...inv] },
    ]);
    await person(a.id, T, '2030-02-15', '2030-04-06T08:00:00Z', 'oriente', [
      { at: '2030-03-20T08:00:00Z', status: 'absent', via: 'agent', linkedAs: [...conv] },
      { at: '2030-04-06T08:00:00Z', status: 'vu', via: 'agent', linkedAs: [...conv] },
    ]);
    await person(a.id, T, '2029-12-01', '2029-12-21T08:00:00Z', 'rdv_honore', [
      { at: '2029-12-21T08:00:00Z', status: 'vu', via: 'invitation', linkedAs: [...inv] },
    ]);
    await person(a.id, T, '2030-05-01', '2030-05-06T08:00:00Z', 'rdv_honore', [
      { at: '2030-05-06T08:00:00Z', status: 'vu', via: 'invitation', linkedAs: [...inv] },
    ]);
    // 6: 22:30 UTC on 31 March is 00:30 on 1 April in Paris (summer time): 31 days, not 30.
    await person(a.id, T, '2030-03-01', '2030-03-31T22:30:00Z', 'rdv_honore', [
      { at: '2030-03-31T22:30:00Z', status: 'vu', via: 'api', linkedAs: [...inv] },
    ]);
    await person(a.id, T, '2030-05-20', null, 'invitation_envoyee', [
      { at: '2030-06-01T08:00:00Z', status: 'annule', via: 'public', linkedAs: [...inv], cancelled: true },
    ]);
    await person(a.id, T, '2030-04-01', null, 'absent', [
      { at: '2030-04-10T08:00:00Z', status: 'excuse', via: 'invitation', linkedAs: [...inv] },
      { at: '2030-04-20T08:00:00Z', status: 'absent', via: 'invitation', linkedAs: [...inv] },
    ]);
    await person(a.id, T, '2030-03-10', null, 'clos', [
      { at: '2030-03-25T08:00:00Z', status: 'absent', via: 'agent', linkedAs: ['invitation', 'convocation'] },
    ]);
    await person(a.id, T, '2030-06-01', null, 'non_invite');
    await person(a.id, T, '2029-05-01', '2029-05-11T08:00:00Z', 'oriente', [
      { at: '2029-05-08T08:00:00Z', status: 'absent', via: 'invitation', linkedAs: [...inv] },
    ]);
    await person(b.id, T, '2030-01-05', '2030-03-06T08:00:00Z', 'rdv_honore', [
      { at: '2030-03-06T08:00:00Z', status: 'vu', via: 'invitation', linkedAs: [...inv] },
    ]);
    await person(a.id, T, null, null, 'non_invite');
    await person(otherOrganisation.id, other.id, '2030-01-10', '2030-01-11T08:00:00Z', 'rdv_honore', [
      { at: '2030-01-09T08:00:00Z', status: 'absent', via: 'invitation', linkedAs: [...inv] },
    ]);
  });
  afterAll(() => t.close());

  it('computes the territory’s figures over 12 months', async () => {
    const stats = await computeRsaStats(db, { territoryId: ids.territory }, 12, now);
    expect(stats.window).toEqual({ from: '2029-06-15', to: '2030-06-15', today: '2030-06-15' });
    // People 1 to 10 and 12.
    expect(stats.total).toBe(11);
    // Delays 5, 10, 20, 30, 31, 50, 60.
    expect(stats.met).toBe(7);
    expect(stats.medianDays).toBe(30);
    expect(stats.meanDays).toBeCloseTo(206 / 7, 10);
    // Eligible (rights opened on or before 16 May): all but 7 and 10; within 30 days: 1, 2, 4, 5.
    expect(stats.within30).toEqual({ count: 4, of: 9, share: 4 / 9 });
    // Invitation: vu for 1, 2, 4, 5, 6, 12; absent for 8 (excusé and cancelled left out).
    expect(stats.noShow.invitation).toEqual({ count: 1, of: 7, share: 1 / 7 });
    // Convocation: 3 absent then vu; 9 absent (named by both: counted once, as a convocation).
    expect(stats.noShow.convocation).toEqual({ count: 2, of: 3, share: 2 / 3 });
    // First orientation booking by the person: 1, 2, 4, 5, 7, 8, 12; by an agent or software: 3, 6, 9.
    expect(stats.bookedByPerson).toEqual({ count: 7, of: 10, share: 0.7 });
    expect(stats.byStatus).toEqual({
      non_invite: 1,
      invitation_envoyee: 1,
      invitation_expiree: 0,
      rdv_pris: 0,
      rdv_a_statuer: 0,
      absent: 1,
      excuse: 0,
      annule: 0,
      rdv_honore: 5,
      oriente: 2,
      clos: 1,
    });
    expect(stats.undated).toBe(1);
  });

  it('gives the monthly trend of the last 12 months, months without anyone included', async () => {
    const stats = await computeRsaStats(db, { territoryId: ids.territory }, 12, now);
    expect(stats.months.map((m) => m.month)).toEqual([
      '2029-07',
      '2029-08',
      '2029-09',
      '2029-10',
      '2029-11',
      '2029-12',
      '2030-01',
      '2030-02',
      '2030-03',
      '2030-04',
      '2030-05',
      '2030-06',
    ]);
    const byMonth = Object.fromEntries(stats.months.map((m) => [m.month, m]));
    expect(byMonth['2029-07']).toEqual({ month: '2029-07', opened: 0, met: 0, waiting: 0, medianDays: null });
    expect(byMonth['2029-12']).toEqual({ month: '2029-12', opened: 1, met: 1, waiting: 0, medianDays: 20 });
    expect(byMonth['2030-01']).toEqual({ month: '2030-01', opened: 2, met: 2, waiting: 0, medianDays: 35 });
    expect(byMonth['2030-02']).toEqual({ month: '2030-02', opened: 2, met: 2, waiting: 0, medianDays: 40 });
    // 9 is closed without a meeting: neither met nor waiting.
    expect(byMonth['2030-03']).toEqual({ month: '2030-03', opened: 2, met: 1, waiting: 0, medianDays: 31 });
    expect(byMonth['2030-04']).toEqual({ month: '2030-04', opened: 1, met: 0, waiting: 1, medianDays: null });
    expect(byMonth['2030-05']).toEqual({ month: '2030-05', opened: 2, met: 1, waiting: 1, medianDays: 5 });
    expect(byMonth['2030-06']).toEqual({ month: '2030-06', opened: 1, met: 0, waiting: 1, medianDays: null });
  });

  it('narrows to one organisation', async () => {
    const stats = await computeRsaStats(
      db,
      { territoryId: ids.territory, organisationId: ids.organisationA },
      12,
      now,
    );
    expect(stats.total).toBe(10);
    // Delays 5, 10, 20, 30, 31, 50: an even count, the median is halfway between 20 and 30.
    expect(stats.medianDays).toBe(25);
    expect(stats.meanDays).toBeCloseTo(146 / 6, 10);
    expect(stats.within30).toEqual({ count: 4, of: 8, share: 0.5 });
    expect(stats.noShow.invitation).toEqual({ count: 1, of: 6, share: 1 / 6 });
    expect(stats.bookedByPerson).toEqual({ count: 6, of: 9, share: 6 / 9 });
    const other = await computeRsaStats(
      db,
      { territoryId: ids.territory, organisationId: ids.organisationB },
      12,
      now,
    );
    expect([other.total, other.medianDays, other.undated]).toEqual([1, 60, 0]);
  });

  it('widens to 24 months, and keeps other territories out', async () => {
    const stats = await computeRsaStats(db, { territoryId: ids.territory }, 24, now);
    expect(stats.window.from).toBe('2028-06-15');
    expect(stats.total).toBe(12);
    // Delays 5, 10, 10, 20, 30, 31, 50, 60.
    expect(stats.medianDays).toBe(25);
    expect(stats.meanDays).toBe(27);
    expect(stats.noShow.invitation).toEqual({ count: 2, of: 8, share: 0.25 });
    const elsewhere = await computeRsaStats(db, { territoryId: ids.otherTerritory }, 24, now);
    expect([elsewhere.total, elsewhere.medianDays, elsewhere.noShow.invitation.count]).toEqual([1, 1, 1]);
    const empty = await computeRsaStats(
      db,
      { territoryId: ids.territory },
      3,
      new Date('2040-01-01T12:00:00Z'),
    );
    expect([empty.total, empty.medianDays, empty.meanDays, empty.within30.share]).toEqual([
      0,
      null,
      null,
      null,
    ]);
    expect(empty.noShow.invitation).toEqual({ count: 0, of: 0, share: null });
  });

  it('publishes the same figures as indicators', async () => {
    const registry = createIndicatorRegistry(rsaIndicators);
    const readings = await registry.read(db, { territoryId: ids.territory, now });
    expect(readings.map((r) => [r.key, r.unit, r.value, r.sample])).toEqual([
      ['rsa.delai_median_premier_rdv', 'jours', 30, 7],
      ['rsa.delai_moyen_premier_rdv', 'jours', 29.4, 7],
      ['rsa.part_recus_30_jours', '%', 44.4, 9],
      ['rsa.absences_apres_invitation', '%', 14.3, 7],
      ['rsa.part_rdv_pris_par_la_personne', '%', 70, 10],
    ]);
    expect(readings[0]!.baseline).toMatchObject({ value: 259 });
    expect(readings[3]!.baseline).toMatchObject({ value: 24 });
    // The whole instance: both territories.
    const all = await registry.read(db, { now }, { keys: ['rsa.delai_median_premier_rdv'] });
    expect([all[0]!.value, all[0]!.sample]).toEqual([25, 8]);
    // In public, the other territory's single person is withheld.
    const [published] = await registry.read(
      db,
      { territoryId: ids.otherTerritory, now },
      { keys: ['rsa.delai_median_premier_rdv'], publicOnly: true },
    );
    expect(published).toMatchObject({ value: null, sample: null, masked: true });
  });
});
