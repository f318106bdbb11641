import { defaultRoleRules } from '@forefront/contract';
import { createMouIn } from '../../src/modules/mous/mou.service.js';
import { insertScan } from '../../src/modules/mous/mou.signing.repository.js';
import { addSignatoryIn, signVersionIn } from '../../src/modules/mous/mou.signing.service.js';
import { newId, sha256Hex } from '../../src/shared/ids.js';
import { buildUser } from '../builders.js';
import { TINY_PDF, multipart } from '../mous.helpers.js';
import { type MatrixModule, RawBody, type Target, type World } from './types.js';

/**
 * Request builders for the MOU routes (see policy-matrix.test.ts). Each district gets two MOUs:
 * one the edit routes change freely, and one kept at version 1 for the signing route (a new
 * version by another builder would make version 1 unsignable).
 */
const SIGNER = 'Matrix Signer';

async function mouTargets(w: World, ctx: Parameters<NonNullable<MatrixModule['extend']>>[1], purpose: string) {
  const targets: Target[] = [];
  for (const t of w.districtTargets) {
    const districtId = t.resource.districtId;
    const author = await buildUser(ctx, { role: 'district_admin', districtId });
    const ids = await ctx.db.transaction().execute(async (trx) => {
      const { mouId } = await createMouIn(
        trx,
        ctx,
        null,
        districtId,
        {
          title: `Matrix MOU (${purpose})`,
          agencyName: 'Matrix Police Department',
          template: 'cops_minimum',
          effectiveDate: '2026-01-01',
        },
        author.id,
      );
      const signatory = await addSignatoryIn(
        trx,
        ctx,
        null,
        { id: mouId, districtId },
        // For the signing route, the district administrator actor's own address (staff sign only as
        // themselves, issue 12 item 5); elsewhere an outside address, which a signing link may go to.
        {
          party: 'agency',
          name: SIGNER,
          title: 'Chief of Police',
          email: purpose === 'signed' ? w.actors.district_admin.user.email : 'chief@matrix-pd.example',
        },
      );
      let signatureId = '';
      if (purpose === 'scanned') {
        // A paper signature with its scan, for the scan download route.
        const sig = await signVersionIn(
          trx,
          ctx,
          null,
          { id: mouId, districtId },
          signatory.id,
          { version: 1, signedName: SIGNER },
          { method: 'paper', recordedBy: author.id },
        );
        await insertScan(trx, {
          id: newId(),
          districtId,
          signatureId: sig.id,
          mediaType: 'application/pdf',
          byteSize: TINY_PDF.length,
          sha256: sha256Hex(TINY_PDF.toString('latin1')),
          contentBase64: TINY_PDF.toString('base64'),
          createdAt: new Date().toISOString(),
        });
        signatureId = sig.id;
      }
      return { id: mouId, signatoryId: signatory.id, version: '1', signatureId };
    });
    targets.push({ label: `MOU (${purpose}) of ${t.label}`, resource: t.resource, ids });
  }
  return targets;
}

export const mousMatrix: MatrixModule = {
  async extend(_app, ctx, w) {
    // Staff sign only as themselves, by name and address: the administrator actor is the signatory.
    await ctx.db
      .updateTable('users')
      .set({ displayName: SIGNER })
      .where('id', '=', w.actors.district_admin.user.id)
      .execute();
    w.extra.mous = await mouTargets(w, ctx, 'edited');
    w.extra.mousToSign = await mouTargets(w, ctx, 'signed');
    w.extra.mousOnPaper = await mouTargets(w, ctx, 'on paper');
    w.extra.mousScanned = await mouTargets(w, ctx, 'scanned');
  },
  specs: {
    'GET /api/districts/:id/mous': {
      action: 'mou.list',
      kind: 'list',
      targets: (w) => w.districtTargets,
      success: 200,
      itemAllowed: (item, t) => item.districtId === t!.resource.districtId,
    },
    'POST /api/districts/:id/mous': {
      action: 'mou.write',
      kind: 'item',
      targets: (w) => w.districtTargets,
      success: 201,
      payload: () => ({
        title: 'Matrix agreement',
        agencyName: 'County Sheriff',
        template: 'secure',
        effectiveDate: '2026-07-01',
      }),
    },
    'GET /api/mous/:id': { action: 'mou.read', kind: 'item', targets: (w) => w.extra.mous!, success: 200 },
    'POST /api/mous/:id/versions': {
      action: 'mou.write',
      kind: 'item',
      targets: (w) => w.extra.mous!,
      success: 201,
      payload: () => ({
        clauses: [{ key: 'purpose', title: 'Purpose', text: 'Keep students safe.' }],
        roleRules: defaultRoleRules(),
        effectiveDate: '2026-02-01',
        reviewDate: '2027-02-01',
        changeNote: 'Matrix edit',
      }),
    },
    'GET /api/mous/:id/diff': { action: 'mou.read', kind: 'item', targets: (w) => w.extra.mous!, success: 200 },
    'GET /api/mous/:id/versions/:version/pdf': {
      action: 'mou.read',
      kind: 'item',
      targets: (w) => w.extra.mous!,
      success: 200,
      contentType: 'application/pdf',
    },
    'POST /api/mous/:id/signatories': {
      action: 'mou.write',
      kind: 'item',
      targets: (w) => w.extra.mous!,
      success: 201,
      payload: () => ({ party: 'district', name: 'Matrix Superintendent', title: 'Superintendent' }),
    },
    'PATCH /api/mous/:id/signatories/:signatoryId': {
      action: 'mou.write',
      kind: 'item',
      targets: (w) => w.extra.mous!,
      success: 200,
      payload: () => ({ title: 'Chief of the Matrix Police' }),
    },
    'POST /api/mous/:id/signatories/:signatoryId/sign': {
      action: 'mou.sign',
      kind: 'item',
      targets: (w) => w.extra.mousToSign!,
      success: 201,
      payload: () => ({ version: 1, signedName: SIGNER }),
    },
    'POST /api/mous/:id/signatories/:signatoryId/signing-link': {
      action: 'mou.write',
      kind: 'item',
      targets: (w) => w.extra.mous!,
      success: 201,
    },
    'POST /api/mous/:id/signatories/:signatoryId/paper-signature': {
      action: 'mou.sign',
      kind: 'item',
      targets: (w) => w.extra.mousOnPaper!,
      success: 201,
      payload: () => {
        const body = multipart({ version: '1' }, [
          { name: 'scan', filename: 'page.pdf', contentType: 'application/pdf', bytes: TINY_PDF },
        ]);
        return new RawBody(body.contentType, body.payload);
      },
    },
    'GET /api/mous/:id/signatures/:signatureId/scan': {
      action: 'mou.read',
      kind: 'item',
      targets: (w) => w.extra.mousScanned!,
      success: 200,
      contentType: 'application/pdf',
    },
  },
};
