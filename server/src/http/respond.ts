import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_TEXT, type ApiErrorBody } from '@duet/shared';
import { AppError } from '../errors.js';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: AppError): void {
  const body: ApiErrorBody = {
    error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
  };
  sendJson(res, error.status, body, error.headers);
}

/**
 * Read a JSON body: Content-Type must be JSON (415), at most `maxBytes` (413), valid JSON (400).
 * An empty body reads as `{}`.
 */
export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    req.resume();
    throw new AppError('payload_too_large', `The request body is larger than ${maxBytes} bytes. Send a smaller body.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      throw new AppError(
        'payload_too_large',
        `The request body is larger than ${maxBytes} bytes. Send a smaller body.`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  if (type !== 'application/json') throw new AppError('unsupported_media_type');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (error) {
    throw new AppError('invalid_json', `${ERROR_TEXT.invalid_json} (${(error as Error).message})`);
  }
}

/** `Authorization: Bearer <token>` or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}
