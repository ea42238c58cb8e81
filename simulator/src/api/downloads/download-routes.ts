import type { Clock } from '../../clock';
import { send, sendError } from '../../server/context';
import type { Router } from '../../server/router';
import { Resource } from '../../store/resources';
import type { SimStore } from '../../store/store';
import { API_PREFIX, ErrorType, Header } from '../../wire';
import { badRequest, handled, notFound } from '../api-error';
import { pathId } from '../crud';
import { intParam } from '../query-params';
import type { ResolvedDownloadOptions } from './download-options';
import { fileBytes } from './file-bytes';
import { decodeGrant, encodeGrant } from './signed-url';
import { receiveUpload } from '../documents/document-ops';

/** Where signed download URLs point (public: no bearer token, like a pre-signed object-store URL). */
export const FILES_PREFIX = '/_files';
/** Where upload `put_url`s point. */
export const UPLOADS_PREFIX = '/_uploads';
/** Largest upload accepted, bytes (DocumentVersion.size is int32). */
const MAX_UPLOAD_BYTES = 2 ** 31 - 1;

export const registerDownloadRoutes = (
  router: Router,
  store: SimStore,
  clock: Clock,
  opts: ResolvedDownloadOptions,
): void => {
  router.add(
    'GET',
    `${API_PREFIX}/documents/:id/download`,
    handled((ctx) => {
      const doc = store.get(Resource.Documents, pathId(ctx));
      if (!doc) throw notFound('Document');
      const raw = ctx.query.get('document_version_id');
      if (raw !== null && !/^\d+$/.test(raw)) throw badRequest('document_version_id must be an integer');
      const versionId = raw === null ? doc.latest_version_id : intParam('document_version_id', raw);
      const version = store.get(Resource.DocumentVersions, versionId);
      if (!version || version.document_id !== doc.id || !version.fully_uploaded) throw notFound('Document version');
      const token = encodeGrant(opts.signingKey, {
        documentId: doc.id,
        versionId,
        expiresAt: clock.now() + opts.urlTtlMs,
      });
      send(ctx, 303, undefined, { [Header.Location]: `${ctx.origin}${FILES_PREFIX}/${token}` });
    }),
  );

  const serveFile = handled((ctx) => {
    const check = decodeGrant(opts.signingKey, ctx.params.token ?? '', clock.now());
    if (!check.ok) {
      const message = check.reason === 'expired' ? 'Request has expired' : 'Invalid signature';
      return send(
        ctx,
        403,
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${message}</Message></Error>`,
        {
          [Header.ContentType]: 'application/xml',
        },
      );
    }
    const { documentId, versionId } = check.grant;
    const version = store.get(Resource.DocumentVersions, versionId);
    if (!version || version.document_id !== documentId)
      return sendError(ctx, 404, ErrorType.NotFound, 'File not found');
    const size = opts.sizeOverride?.(documentId, versionId) ?? version.size;
    ctx.responded = true;
    ctx.res.writeHead(200, {
      [Header.ContentType]: version.content_type,
      [Header.ContentLength]: size,
      'content-disposition': `attachment; filename="${version.filename.replace(/"/g, '')}"`,
    });
    if (ctx.method === 'HEAD') return void ctx.res.end();
    fileBytes(documentId, versionId, size).pipe(ctx.res);
  });
  router.add('GET', `${FILES_PREFIX}/:token`, serveFile, { scope: 'public' });
  router.add('HEAD', `${FILES_PREFIX}/:token`, serveFile, { scope: 'public' });

  router.add(
    'PUT',
    `${UPLOADS_PREFIX}/:uuid`,
    async (ctx) => {
      let bytes = 0;
      for await (const chunk of ctx.req) {
        bytes += (chunk as Buffer).length;
        if (bytes > MAX_UPLOAD_BYTES) return sendError(ctx, 400, ErrorType.BadRequest, 'Upload too large');
      }
      const ct = ctx.headers[Header.ContentType];
      const v = receiveUpload(store, ctx.params.uuid ?? '', bytes, typeof ct === 'string' ? ct : undefined);
      if (!v) return sendError(ctx, 404, ErrorType.NotFound, 'NoSuchUpload');
      send(ctx, 200, undefined, { etag: `"${v.uuid}"` });
    },
    { scope: 'public' },
  );
};
