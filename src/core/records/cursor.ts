import { BadRequestException } from '@nestjs/common';

export interface CursorPosition {
  /** The sort column's value of the last row returned, as text. */
  v: string | null;
  id: string;
}

export function encodeCursor(pos: CursorPosition): string {
  return Buffer.from(JSON.stringify(pos)).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const pos = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPosition;
    if (typeof pos.id !== 'string' || !/^[0-9a-f-]{36}$/i.test(pos.id)) throw new Error('bad id');
    if (pos.v !== null && typeof pos.v !== 'string') throw new Error('bad value');
    return pos;
  } catch {
    throw new BadRequestException({ message: 'Validation failed', errors: [{ field: 'cursor', messages: ['cursor is not valid'] }] });
  }
}
