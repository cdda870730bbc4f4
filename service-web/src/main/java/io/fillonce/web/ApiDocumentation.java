package io.fillonce.web;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.fillonce.identity.VerifiedCaller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document states the conventions (docs/conventions.md "Errors", "Paging"): every operation declares the
 * problems every service answers alike (400 for parameters, 401, 403, 404 for a path naming something, 422 and 415
 * for a body, 503 for the data store),
 * next to those its controller declares itself; a list's {@code limit} and {@code after}; and the one security
 * scheme, the gateway's API key as a bearer token, so the gateway's {@code /docs} UI can authorise and try an
 * operation out. The {@link VerifiedCaller} and {@link Paging} parameters are not the client's to send.
 */
final class ApiDocumentation implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {

    static final String SECURITY_SCHEME = "gateway-api-key";
    static final String PROBLEM = "Problem";

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(VerifiedCaller.class, Paging.class);
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod method) {
        boolean paged = takes(method, Paging.class);
        if (paged) {
            operation.addParametersItem(limit()).addParametersItem(after());
        }
        boolean body = Arrays.stream(method.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (paged || !parameters.isEmpty()) {
            declare(responses, "400", "A parameter is missing, of the wrong type or out of range (invalid-parameter; "
                    + "errors name it); or the body is not JSON (malformed-body)");
        }
        declare(responses, "401", "No valid identity: call through the gateway with an API key (unauthenticated)");
        declare(responses, "403", "The caller's role or department may not do this (forbidden)");
        if (Arrays.stream(method.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(PathVariable.class))) {
            declare(responses, "404", "What the path names does not exist, or is not the caller's to see");
        }
        if (body) {
            declare(responses, "415", "The body's Content-Type is not one this operation takes");
            declare(responses, "422", "The body breaks a rule (validation; errors point into the body)");
        }
        declare(responses, "503", "A data store or broker did not answer; retry after Retry-After");
        operation.setResponses(responses);
        operation.addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
        return operation;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        components.addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("The caller's Fill Once API key, as Authorization: Bearer <key>; the "
                        + "gateway checks it and forwards the caller's signed identity"));
        components.addSchemas(PROBLEM, problemSchema());
        openApi.setComponents(components);
    }

    private static void declare(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                    .addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    private static boolean takes(HandlerMethod method, Class<?> type) {
        return Arrays.stream(method.getMethodParameters()).anyMatch(p -> type.equals(p.getParameterType()));
    }

    private static Parameter limit() {
        return new QueryParameter().name(Paging.LIMIT).description("How many items, at most (default "
                + Paging.DEFAULT_LIMIT + ")").schema(new IntegerSchema().minimum(BigDecimal.ONE)
                .maximum(BigDecimal.valueOf(Paging.MAX_LIMIT))._default(Paging.DEFAULT_LIMIT));
    }

    private static Parameter after() {
        return new QueryParameter().name(Paging.AFTER).description("The 'next' of the page before; absent for the "
                + "first page").schema(new StringSchema());
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema field = new ObjectSchema().addProperty("pointer", new StringSchema()
                .description("JSON Pointer into the body, or the parameter's name"))
                .addProperty("rule", new StringSchema()).addProperty("message", new StringSchema());
        field.setRequired(List.of("pointer", "message"));
        Schema problem = new ObjectSchema().description("RFC 9457 problem (contracts/schemas/problem.schema.json)")
                .properties(Map.of("type", new StringSchema(), "title", new StringSchema(),
                        "status", new IntegerSchema(), "detail", new StringSchema(), "instance", new StringSchema(),
                        "errors", new ArraySchema().items(field)));
        problem.setRequired(List.of("type", "title", "status"));
        return problem;
    }
}
