import { beforeAll, describe, expect, it } from 'vitest';
import type { OfficerTrainingRecords, TrainingRecord, TrainingRecordQueue } from '@forefront/contract';
import { nowIso } from '../src/db/database.js';
import { newId } from '../src/shared/ids.js';
import { auditEvents, call, expectError } from './auth.helpers.js';
import { TEST_DIALECT, type TestApp, createTestApp } from './harness.js';
import {
  TINY_PDF,
  TINY_PNG,
  type TrainingWorld,
  buildTrainingWorld,
  countOf,
  putCertificate,
} from './training.helpers.js';

/**
 * Completion records (issue 14 item 3): entry by the coordinator, an officer's own submission,
 * approval, certificates judged by their content. Every refusal leaves the tables as they were.
 */
describe(`training records on ${TEST_DIALECT}`, () => {
  let t: TestApp;
  let w: TrainingWorld;
  const recordsUrl = () => `/api/officers/${w.deputy.id}/training-records`;
  const good = {
    title: 'De-escalation for school settings',
    provider: 'State academy',
    hours: 8,
    topics: ['de_escalation'],
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildTrainingWorld(t.app, t.ctx);
    await t.ctx.db
      .insertInto('trainingCredentialTypes')
      .values({
        id: newId(),
        districtId: w.district.id,
        key: 'cpr',
        nameEn: 'CPR',
        nameEs: 'RCP',
        validityMonths: 24,
        createdAt: nowIso(),
      })
      .execute();
  });

  it('lets the coordinator enter an approved record, fills the expiry from the credential, and audits it', async () => {
    const res = await call(t.app, w.coordinator, 'POST', recordsUrl(), {
      ...good,
      credentialKey: 'cpr',
      completedOn: '2025-01-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    const rec = res.json<TrainingRecord>();
    expect(rec).toMatchObject({ status: 'approved', source: 'entry', hours: 8, expiresOn: '2027-01-31' });
    expect(rec.reviewedBy).not.toBeNull();
    // Under the default standard nothing renews: the record lapses with its own expiry.
    expect(rec.lapsesOn).toBe('2027-01-31');
    const list = (await call(t.app, w.coordinator, 'GET', recordsUrl())).json<OfficerTrainingRecords>();
    expect(list.officer).toEqual({
      id: w.deputy.id,
      name: 'Deputy Other',
      agency: 'County Sheriff',
      badgeNumber: 'S-77',
    });
    expect(list.items.map((r) => r.id)).toEqual([rec.id]);
    const kinds = (await auditEvents(t.ctx, w.district.id)).map((e) => e.kind);
    expect(kinds).toContain('training.record_added');
    expect(kinds).toContain('training.records_viewed');
  });

  it('fills title, provider, hours and topics from a catalog course', async () => {
    const courseId = newId();
    await t.ctx.db
      .insertInto('trainingCourses')
      .values({
        id: courseId,
        districtId: w.district.id,
        title: 'Youth Mental Health First Aid',
        provider: 'National Council',
        minutes: 480,
        topics: JSON.stringify(['youth_mental_health_first_aid']),
        credentialKey: 'ymhfa',
        active: 1,
        createdAt: nowIso(),
      })
      .execute();
    // The form's choices: the catalog's active courses and the district's credential types (its own too).
    const choices = (await call(t.app, w.coordinator, 'GET', recordsUrl())).json<OfficerTrainingRecords>();
    expect(choices.courses.map((c) => [c.id, c.hours])).toEqual([[courseId, 8]]);
    expect(choices.credentialTypes.map((c) => c.key)).toEqual(expect.arrayContaining(['cpr', 'ymhfa', 'sro_basic']));
    const res = await call(t.app, w.coordinator, 'POST', recordsUrl(), { courseId, completedOn: '2025-03-01' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<TrainingRecord>()).toMatchObject({
      courseId,
      title: 'Youth Mental Health First Aid',
      provider: 'National Council',
      hours: 8,
      topics: ['youth_mental_health_first_aid'],
      credentialKey: 'ymhfa',
      expiresOn: null,
    });
  });

  it.each([
    ['negative hours', { hours: -2 }, 'hours', 'too_small'],
    ['absurd hours', { hours: 4000 }, 'hours', 'too_big'],
    ['hours not in quarters', { hours: 1.1 }, 'hours', 'not_multiple_of'],
    ['a date that does not exist', { completedOn: '2025-02-30' }, 'completedOn', 'invalid_format'],
    ['a completion in the future', { completedOn: '2999-01-01' }, 'completedOn', 'in_future'],
    ['an expiry before completion', { expiresOn: '2024-12-31' }, 'expiresOn', 'expiry_before_completion'],
    ['a credential the district does not have', { credentialKey: 'astronaut' }, 'credentialKey', 'unknown_credential'],
    ['no title and no course', { title: undefined }, 'title', 'required_without_course'],
    ['a course of no catalog', { courseId: 'nope' }, 'courseId', 'unknown_course'],
  ])('refuses %s with 400 and changes nothing', async (_label, over, path, code) => {
    const before = [await countOf(t.ctx, 'trainingRecords'), await countOf(t.ctx, 'auditEvents')];
    const res = await call(t.app, w.coordinator, 'POST', recordsUrl(), { ...good, completedOn: '2025-01-01', ...over });
    const error = expectError(res, 400, 'invalid_request') as { issues?: { path: string; code: string }[] };
    // Schema issues name `body.<field>`, the service's rules `<field>` (the web app reads both as the field).
    expect(error.issues?.map((i) => ({ path: i.path.replace(/^body\./, ''), code: i.code }))).toContainEqual({
      path,
      code,
    });
    expect([await countOf(t.ctx, 'trainingRecords'), await countOf(t.ctx, 'auditEvents')]).toEqual(before);
  });

  it('takes an SRO’s own submission as pending, only for their own roster entry', async () => {
    const res = await call(t.app, w.sro, 'POST', '/api/me/training-records', { ...good, completedOn: '2025-05-01' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<TrainingRecord>()).toMatchObject({ status: 'pending', officerId: w.mine.id, reviewedBy: null });
    const mine = (await call(t.app, w.sro, 'GET', '/api/me/training-records')).json<OfficerTrainingRecords>();
    expect(mine.officer.id).toBe(w.mine.id);
    expect(mine.items.every((r) => r.officerId === w.mine.id)).toBe(true);
    // An SRO with no roster entry, another role, and an SRO writing into someone else's file.
    expectError(
      await call(t.app, w.otherSro, 'POST', '/api/me/training-records', { ...good, completedOn: '2025-05-01' }),
      404,
      'not_found',
    );
    expectError(await call(t.app, w.principal, 'GET', '/api/me/training-records'), 403, 'forbidden');
    expectError(
      await call(t.app, w.sro, 'POST', recordsUrl(), { ...good, completedOn: '2025-05-01' }),
      403,
      'forbidden',
    );
    expect((await auditEvents(t.ctx, w.district.id)).map((e) => e.kind)).toContain('training.record_submitted');
  });

  it('queues pending records for approval; approve and reject once each', async () => {
    const submit = async () =>
      (
        await call(t.app, w.sro, 'POST', '/api/me/training-records', { ...good, completedOn: '2025-06-01' })
      ).json<TrainingRecord>();
    const a = await submit();
    const b = await submit();
    const queue = (
      await call(
        t.app,
        w.coordinator,
        'GET',
        `/api/districts/${w.district.id}/training-records?status=pending&limit=50`,
      )
    ).json<TrainingRecordQueue>();
    expect(queue.items.map((r) => r.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(queue.items.find((r) => r.id === a.id)!.officer.name).toBe('Officer Mine');
    expect(queue.items.every((r) => r.status === 'pending')).toBe(true);

    const ok = await call(t.app, w.coordinator, 'POST', `/api/training-records/${a.id}/approve`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<TrainingRecord>()).toMatchObject({ status: 'approved', reviewedByName: expect.any(String) });
    const again = await call(t.app, w.admin, 'POST', `/api/training-records/${a.id}/reject`, { note: 'late' });
    expect(expectError(again, 409, 'conflict')).toMatchObject({ params: { reason: 'record_reviewed' } });
    const no = await call(t.app, w.admin, 'POST', `/api/training-records/${b.id}/reject`, {
      note: 'No certificate attached',
    });
    expect(no.json<TrainingRecord>()).toMatchObject({ status: 'rejected', reviewNote: 'No certificate attached' });
    expectError(await call(t.app, w.sro, 'POST', `/api/training-records/${b.id}/approve`, {}), 403, 'forbidden');
    expectError(
      await call(t.app, w.otherDistrictCoordinator, 'POST', `/api/training-records/${b.id}/approve`, {}),
      404,
      'not_found',
    );
    const kinds = (await auditEvents(t.ctx, w.district.id)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['training.record_approved', 'training.record_rejected']));
  });

  it('accepts a certificate only when its content is what its name says, within the size limit', async () => {
    const rec = (
      await call(t.app, w.coordinator, 'POST', recordsUrl(), { ...good, completedOn: '2025-02-01' })
    ).json<TrainingRecord>();
    const url = `/api/training-records/${rec.id}/certificate`;
    const before = [await countOf(t.ctx, 'trainingCertificates'), await countOf(t.ctx, 'auditEvents')];
    const refused = [
      [{ filename: 'cert.pdf', contentType: 'application/pdf', bytes: TINY_PNG }, 400, 'certificate_type_mismatch'],
      [{ filename: 'cert.png', contentType: 'application/pdf', bytes: TINY_PNG }, 400, 'certificate_type_mismatch'],
      [
        { filename: 'cert.pdf', contentType: 'application/pdf', bytes: Buffer.from('just some text, not a PDF') },
        400,
        'certificate_type_not_allowed',
      ],
      [{ filename: 'cert.pdf', contentType: 'application/pdf', bytes: Buffer.alloc(0) }, 400, 'certificate_missing'],
      [
        {
          filename: 'big.pdf',
          contentType: 'application/pdf',
          bytes: Buffer.concat([TINY_PDF, Buffer.alloc(5 * 1024 * 1024)]),
        },
        413,
        'certificate_too_large',
      ],
    ] as const;
    for (const [file, status, code] of refused)
      expectError(await putCertificate(t.app, w.coordinator, url, file), status, code);
    expect([await countOf(t.ctx, 'trainingCertificates'), await countOf(t.ctx, 'auditEvents')]).toEqual(before);

    const ok = await putCertificate(t.app, w.coordinator, url, {
      filename: 'Cert.PNG',
      contentType: 'image/png',
      bytes: TINY_PNG,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<TrainingRecord>().certificate).toMatchObject({
      fileName: 'Cert.PNG',
      mediaType: 'image/png',
      byteSize: TINY_PNG.length,
    });
    const read = await call(t.app, w.coordinator, 'GET', url);
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(read.rawPayload, TINY_PNG)).toBe(0);
    expectError(await call(t.app, w.principal, 'GET', url), 403, 'forbidden');
    const kinds = (await auditEvents(t.ctx, w.district.id)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['training.certificate_uploaded', 'training.certificate_read']));
  });

  it('lets an SRO attach a certificate to their own pending record, and no one else’s', async () => {
    const own = (
      await call(t.app, w.sro, 'POST', '/api/me/training-records', { ...good, completedOn: '2025-07-01' })
    ).json<TrainingRecord>();
    const pdf = { filename: 'certificate.pdf', contentType: 'application/pdf', bytes: TINY_PDF };
    const ok = await putCertificate(t.app, w.sro, `/api/me/training-records/${own.id}/certificate`, pdf);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<TrainingRecord>().certificate?.mediaType).toBe('application/pdf');
    const theirs = (
      await call(t.app, w.coordinator, 'POST', recordsUrl(), { ...good, completedOn: '2025-07-01' })
    ).json<TrainingRecord>();
    expectError(
      await putCertificate(t.app, w.sro, `/api/me/training-records/${theirs.id}/certificate`, pdf),
      404,
      'not_found',
    );
  });

  it('lets a principal read the records of an officer assigned to their school only', async () => {
    expectError(await call(t.app, w.principal, 'GET', recordsUrl()), 403, 'forbidden');
    await t.ctx.db
      .insertInto('officerAssignments')
      .values({
        id: newId(),
        districtId: w.district.id,
        officerId: w.deputy.id,
        schoolId: w.school,
        startsOn: '2020-01-01',
        endsOn: null,
        gate: 'off',
        exceptionId: null,
        createdBy: null,
        createdAt: nowIso(),
      })
      .execute();
    expect((await call(t.app, w.principal, 'GET', recordsUrl())).statusCode).toBe(200);
    expectError(await call(t.app, w.otherDistrictCoordinator, 'GET', recordsUrl()), 404, 'not_found');
  });
});
