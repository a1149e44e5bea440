import { IsUUID } from 'class-validator';
import { IsoDateTime, MetadataText, ReferenceCode } from '../../../core/records/validators';

/** One step of custody. There is no update DTO: a wrong movement is voided and re-entered. */
export class CreateMovementDto {
  @IsoDateTime()
  movedAt: string;

  @MetadataText(80, { description: "Where it was: must be the exhibit's current location", example: 'NE property store' })
  fromLocation: string;

  @MetadataText(80, { example: 'Digital forensics lab' })
  toLocation: string;

  @MetadataText(200, { example: 'For examination' })
  reason: string;

  @ReferenceCode(40, { optional: true })
  sealNumber?: string | null;
}

export class MovementParamsDto {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @IsUUID('all', { message: 'movementId must be a UUID' })
  movementId: string;
}
