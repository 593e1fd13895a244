import {
  customerExportFormats,
  type CustomerExportFormat,
} from '../services/customers/customer-export-zip.ts';
import { CliFailure } from './runtime.ts';

/**
 * The --format of `customers export-one`, checked before any file is opened or the
 * database read, so a mistake leaves nothing behind. A zip is bytes: it goes to --out,
 * never to a terminal.
 */
export function customerExportFormatOf(options: {
  format: string;
  out?: string;
}): CustomerExportFormat {
  const format = customerExportFormats.find((known) => known === options.format);
  if (!format) {
    throw new CliFailure({
      code: 'validation_failed',
      message: `--format must be one of: ${customerExportFormats.join(', ')} (got ${options.format})`,
      field: 'format',
    });
  }
  if (format === 'zip' && !options.out) {
    throw new CliFailure({
      code: 'validation_failed',
      message: '--format zip writes a file: give it --out <file.zip>',
      field: 'out',
    });
  }
  return format;
}
