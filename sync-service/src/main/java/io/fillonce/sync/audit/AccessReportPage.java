package io.fillonce.sync.audit;

import java.util.List;

import org.springframework.web.util.HtmlUtils;

/** An {@link AccessReport} as a self-contained page to print: no script, every value escaped. */
final class AccessReportPage {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#111}h1{font-size:1.4em}
            table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #999;padding:.3em .5em;
            text-align:left;vertical-align:top}th{background:#eee}.note{color:#444}
            @media print{body{margin:0}th{background:none}}""";

    private AccessReportPage() {
    }

    static String render(AccessReport report) {
        StringBuilder page = new StringBuilder(4096)
                .append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Who received the data")
                .append("</title><style>").append(STYLE).append("</style></head><body>")
                .append("<h1>Who received or read the data of ").append(text(report.recordType())).append(' ')
                .append(text(report.entityKey())).append("</h1>")
                .append("<p class=\"note\">From the Fill Once audit log, made ").append(text(report.generatedAt()))
                .append(" by ").append(text(report.generatedBy())).append(". Values are never listed, only the")
                .append(" names of the fields that went out.</p>");
        if (!report.complete()) {
            page.append("<p><strong>Only the first ").append(AccessReports.MOST)
                    .append(" accesses are listed; ask an administrator for the rest.</strong></p>");
        }
        page.append("<h2>Departments</h2>");
        if (report.recipients().isEmpty()) {
            page.append("<p>No department received or read this data.</p>");
        }
        else {
            page.append("<table><thead><tr><th>Department</th><th>Fields</th><th>Purpose</th><th>Legal basis</th>")
                    .append("<th>Deliveries</th><th>Reads</th><th>First</th><th>Last</th></tr></thead><tbody>");
            for (AccessReport.Recipient recipient : report.recipients()) {
                page.append("<tr>").append(cell(recipient.department())).append(cell(recipient.fields()))
                        .append(cell(recipient.purposes())).append(cell(recipient.legalBases()))
                        .append(cell(recipient.deliveries())).append(cell(recipient.reads()))
                        .append(cell(recipient.first())).append(cell(recipient.last())).append("</tr>");
            }
            page.append("</tbody></table>");
        }
        page.append("<h2>Every access</h2><table><thead><tr><th>When</th><th>What</th><th>Who</th><th>How</th>")
                .append("<th>Version</th><th>Fields</th><th>Purpose</th><th>Legal basis</th></tr></thead><tbody>");
        for (AccessReport.Access access : report.accesses()) {
            page.append("<tr>").append(cell(access.time())).append(cell(access.action()))
                    .append(cell(access.department() != null ? access.department() : access.actor()))
                    .append(cell(access.channel())).append(cell(access.version())).append(cell(access.fields()))
                    .append(cell(access.purpose())).append(cell(access.legalBasis())).append("</tr>");
        }
        return page.append("</tbody></table></body></html>").toString();
    }

    private static String cell(Object value) {
        if (value instanceof List<?> values) {
            return "<td>" + String.join(", ", values.stream().map(AccessReportPage::text).toList()) + "</td>";
        }
        return "<td>" + text(value) + "</td>";
    }

    private static String text(Object value) {
        return value == null ? "" : HtmlUtils.htmlEscape(String.valueOf(value));
    }
}
