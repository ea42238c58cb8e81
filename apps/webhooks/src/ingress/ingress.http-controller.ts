import { Controller, HttpCode, HttpException, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@sf/http-auth';
import { ApiAnswers, BodyLimit } from '@sf/service-kit';
import { DeliveryAnswerDto } from './delivery-answer.dto';
import { HookHeader, INGRESS_PATH } from '../wire-names';
import { receiveDelivery, type IngressDeps } from './receive-delivery';

export const INGRESS_DEPS = Symbol('INGRESS_DEPS');

/** Largest delivery accepted: Clio's payload is one record with the webhook's `fields` (≤ 1000 characters of names). */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;

const ERRORS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
};

interface RawRequest {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  rawBody?: Buffer;
}

const header = (req: RawRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/** Clio's webhook deliveries and handshakes. Public: Clio cannot send our JWT; the HMAC signature is the proof. */
@ApiTags('webhooks')
@Controller(INGRESS_PATH)
export class IngressController {
  constructor(@Inject(INGRESS_DEPS) private readonly deps: IngressDeps) {}

  @Public()
  @ApiAnswers(
    { type: DeliveryAnswerDto, description: 'Recorded durably in the log (or a handshake answered)' },
    [401, 403, 404, 409, 410, 413, 415],
    { publicRoute: true },
  )
  @Post(':subscriptionId')
  @BodyLimit(WEBHOOK_BODY_LIMIT)
  @HttpCode(200)
  async receive(
    @Param('subscriptionId') subscriptionId: string,
    @Req() req: RawRequest,
    @Res({ passthrough: true }) res: { setHeader(name: string, value: string): unknown },
  ): Promise<{ recorded: boolean; duplicate?: boolean }> {
    const body = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
    const answer = await receiveDelivery(this.deps, {
      subscriptionId,
      secretHeader: header(req, HookHeader.Secret),
      signatureHeader: header(req, HookHeader.Signature),
      raw: req.rawBody ?? Buffer.alloc(0),
      body,
    });
    if (answer.status !== 200)
      throw new HttpException(
        { statusCode: answer.status, error: ERRORS[answer.status], message: answer.message },
        answer.status,
      );
    if (answer.handshake) {
      res.setHeader(HookHeader.Secret, answer.echoSecret);
      return { recorded: false };
    }
    return { recorded: true, duplicate: answer.duplicate };
  }
}
