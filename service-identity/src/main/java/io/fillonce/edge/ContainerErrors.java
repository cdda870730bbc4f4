package io.fillonce.edge;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.ExceptionUtils;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat answers some requests itself, before Spring sees them (a path with an encoded NUL, an encoded slash or
 * bytes that are not UTF-8: 400 "Invalid URI"), and would render its HTML error page. This replaces the host's
 * error report valve with one that writes the same answer as RFC 9457 {@code application/problem+json}. Each
 * service imports it on its application class.
 */
public class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemReportValve());
            if (host instanceof StandardHost standard) { // else it adds a plain one when it starts
                standard.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    /** After Boot's own customizer, which installs a plain error report valve. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static final class ProblemReportValve extends ErrorReportValve {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                PrintWriter writer = response.getReporter();
                if (writer != null) {
                    writer.write(JSON.writeValueAsString(problem(status, response.getMessage())));
                    response.finishResponse();
                }
            }
            catch (Throwable t) {
                ExceptionUtils.handleThrowable(t);
            }
        }

        static Map<String, Object> problem(int status, String message) {
            HttpStatus known = HttpStatus.resolve(status);
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", known == null ? "HTTP " + status : known.getReasonPhrase());
            problem.put("status", status);
            problem.put("detail", (message == null || message.isBlank() ? "Refused by the servlet container" : message)
                    + (status == 400 ? ": a request path must be percent-encoded UTF-8 without control characters,"
                            + " encoded slashes or backslashes, or dot segments above the root." : "."));
            return problem;
        }
    }
}
