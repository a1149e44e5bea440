import { recordType } from '../../modules/record-types';
import { recordPageDef } from './record-page';

// The pages of the record types that other pages link to by name (related tables, custody);
// every record type's pages come from its description (see record-controllers.ts).
export const OPERATION_PAGES = recordPageDef(recordType('operation'));
export const WARRANT_PAGES = recordPageDef(recordType('warrant'));
export const ARREST_PAGES = recordPageDef(recordType('arrest'));
export const EXHIBIT_PAGES = recordPageDef(recordType('exhibit'));
export const VISIT_PAGES = recordPageDef(recordType('safeguarding_visit'));
export const REFERRAL_PAGES = recordPageDef(recordType('referral'));
