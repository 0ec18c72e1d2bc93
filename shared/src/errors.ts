/**
 * Every error a person can meet, with the HTTP status it travels with and the sentence they see.
 * The server sends `{ error: { code, message, fields? } }`; the client shows `message`.
 */
export const ErrorCode = {
  InvalidJson: 'invalid_json',
  ValidationFailed: 'validation_failed',
  UnsupportedMediaType: 'unsupported_media_type',
  PayloadTooLarge: 'payload_too_large',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  RoomNotFound: 'room_not_found',
  RoomEnded: 'room_ended',
  NotFound: 'not_found',
  MethodNotAllowed: 'method_not_allowed',
  TooManyRequests: 'too_many_requests',
  Conflict: 'conflict',
  Internal: 'internal',
  Unavailable: 'unavailable',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status for each error code. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  invalid_json: 400,
  validation_failed: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  room_not_found: 404,
  room_ended: 409,
  not_found: 404,
  method_not_allowed: 405,
  too_many_requests: 429,
  conflict: 409,
  internal: 500,
  unavailable: 503,
};

/** The default sentence for each code: what happened and what to do. */
export const ERROR_TEXT: Record<ErrorCode, string> = {
  invalid_json: 'The request body is not valid JSON. Send a JSON object.',
  validation_failed: 'Some fields are missing or wrong; see `fields` for each one.',
  unsupported_media_type: 'Send the body as JSON with the header Content-Type: application/json.',
  payload_too_large: 'The request body is too large. Send a smaller body.',
  unauthorized: 'This link is not valid for this room. Ask the person who invited you for a fresh link.',
  forbidden: 'Your role in this room is not allowed to do that.',
  room_not_found: 'There is no room at this address. It may have been mistyped or deleted; ask for a new link.',
  room_ended: 'This room has ended; it can be reviewed but no longer changed.',
  not_found: 'Nothing is here. Check the address.',
  method_not_allowed: 'This address does not accept that method.',
  too_many_requests: 'Too many requests at once. Wait a moment and try again.',
  conflict: 'That conflicts with the current state of the room. Reload and try again.',
  internal: 'Something went wrong on the server. Try again; nothing you saved was lost.',
  unavailable: 'The server is shutting down or overloaded. Try again in a few seconds.',
};

/** One invalid field in a request body: a dotted path (`tests.3.args`) and what is wrong with it. */
export interface FieldError {
  /** Dotted path to the field, empty for the body itself. */
  path: string;
  /** What is wrong and what is expected, in a sentence. */
  message: string;
}

/** The body of every error response. */
export interface ApiErrorBody {
  error: {
    /** Machine-readable code, one of ErrorCode. */
    code: ErrorCode;
    /** A sentence for a person: what happened and what to do. */
    message: string;
    /** For validation errors: every bad field. */
    fields?: FieldError[];
  };
}

/**
 * WebSocket close codes the server uses. 4400-4499 tell y-websocket not to reconnect (a decision
 * reconnecting cannot fix); every other code makes it reconnect with backoff.
 */
export const CloseCode = {
  /** The server is restarting or shutting down; clients reconnect on their own. */
  ServerRestart: { code: 1012, reason: 'server_restart' },
  /** A frame exceeded MAX_MESSAGE_BYTES (set by `ws` itself). */
  MessageTooBig: { code: 1009, reason: 'message_too_big' },
  /** The server could not keep up with sending to this client; it reconnects and resyncs. */
  SlowConsumer: { code: 4503, reason: 'slow_consumer' },
  /** The server failed to persist an update; the client reconnects and resends its state. */
  StorageFailure: { code: 4500, reason: 'storage_failure' },
  /** The frame is not a valid y-websocket message. */
  MalformedMessage: { code: 4400, reason: 'malformed_message' },
  /** The token no longer grants access to this room. */
  Unauthorized: { code: 4401, reason: 'unauthorized' },
  /** The role may not open this document. */
  Forbidden: { code: 4403, reason: 'forbidden' },
  /** The room no longer exists. */
  RoomNotFound: { code: 4404, reason: 'room_not_found' },
} as const;
export type CloseReason = (typeof CloseCode)[keyof typeof CloseCode]['reason'];

/** What a person sees when their connection closes with each reason. */
export const CLOSE_TEXT: Record<CloseReason, string> = {
  server_restart: 'The server is restarting. Reconnecting; your edits are kept.',
  message_too_big: 'An edit was too large to send (over the size limit). Undo the last paste.',
  slow_consumer: 'The connection fell behind. Reconnecting; your edits are kept.',
  storage_failure: 'The server could not save an edit. Reconnecting; your edits are kept.',
  malformed_message: 'The server received a message it could not read. Reload the page.',
  unauthorized: 'This link is no longer valid for this room.',
  forbidden: 'Your role cannot open this part of the room.',
  room_not_found: 'This room no longer exists.',
};
