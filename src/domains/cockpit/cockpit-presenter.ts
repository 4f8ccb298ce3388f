/**
 * Shapes the cockpit's answers. Public answers carry only what anybody may see: numbers and
 * a report's state, never a reporter, phone, address or description.
 */
import type { Open311Request } from '@/domains/open311/open311-presenter.js';
import type { PublicReportView } from '@/shared/cockpit-vocabulary.js';

export type { PublicReportView };

/** A report as the public portal shows it (the Open311 view minus anything personal). */
export function presentPublicReport(request: Open311Request): PublicReportView {
  return {
    number: request.service_request_id,
    status: request.status,
    statusLabel: request.status === 'closed' ? '已办结' : '办理中',
    serviceName: request.service_name,
    statusNotes: request.status_notes,
    agency: request.agency_responsible,
    requestedAt: request.requested_datetime,
    updatedAt: request.updated_datetime,
    expectedAt: request.expected_datetime,
  };
}

/** A server-sent event frame. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
