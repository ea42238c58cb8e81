import { decisionResponse } from './decision-response';

describe('decisionResponse', () => {
  it.each([
    [
      'a started job: 202 with the job id',
      { decision: { action: 'start', reason: 'ok' }, jobId: 'j1', message: 'Sync started' },
      {
        status: 202,
        body: { accepted: true, jobId: 'j1', decision: { action: 'start', reason: 'ok', message: 'Sync started' } },
      },
    ],
    [
      'already syncing: 409 "Sync in progress" naming the active job',
      {
        decision: { action: 'skip', reason: 'already_syncing', metadata: { activeJobId: 'j0' } },
        jobId: 'j0',
        message: 'Sync in progress',
      },
      {
        status: 409,
        body: {
          statusCode: 409,
          error: 'Conflict',
          message: 'Sync in progress',
          accepted: false,
          jobId: 'j0',
          decision: { action: 'skip', reason: 'already_syncing', message: 'Sync in progress' },
        },
      },
    ],
    [
      'cooldown: 429 with the cooldown and Retry-After rounded up',
      {
        decision: { action: 'block', reason: 'cooldown', metadata: { cooldownMs: 41_200, retryAfterMs: 41_200 } },
        jobId: null,
        message: 'Please wait 42 seconds before syncing again',
      },
      {
        status: 429,
        retryAfterSeconds: 42,
        body: {
          statusCode: 429,
          error: 'Too Many Requests',
          message: 'Please wait 42 seconds before syncing again',
          accepted: false,
          decision: {
            action: 'block',
            reason: 'cooldown',
            message: 'Please wait 42 seconds before syncing again',
            cooldownMs: 41_200,
            retryAfterMs: 41_200,
          },
        },
      },
    ],
    [
      'needs re-authorisation: 409 without Retry-After',
      {
        decision: { action: 'block', reason: 'needs_reauth' },
        jobId: null,
        message: 'Reconnect Clio to continue syncing',
      },
      {
        status: 409,
        body: {
          statusCode: 409,
          error: 'Conflict',
          message: 'Reconnect Clio to continue syncing',
          accepted: false,
          decision: { action: 'block', reason: 'needs_reauth', message: 'Reconnect Clio to continue syncing' },
        },
      },
    ],
    [
      'already synced: 200, nothing to do',
      { decision: { action: 'skip', reason: 'already_synced' }, jobId: null, message: 'Already synced' },
      {
        status: 200,
        body: { accepted: false, decision: { action: 'skip', reason: 'already_synced', message: 'Already synced' } },
      },
    ],
  ] as const)('%s', (_name, result, expected) => {
    expect(decisionResponse(result as Parameters<typeof decisionResponse>[0])).toEqual(expected);
  });
});
