package io.fillonce.identity;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller method its {@link VerifiedCaller} parameter: the caller the {@link IdentityFilter} verified for
 * this request (and whose role the shared role table allowed). Nothing a client sends as a header can name it.
 */
final class VerifiedCallers implements HandlerMethodArgumentResolver {

    static final String ATTRIBUTE = VerifiedCaller.class.getName();

    static void remember(HttpServletRequest request, VerifiedCaller caller) {
        request.setAttribute(ATTRIBUTE, caller);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return VerifiedCaller.class.equals(parameter.getParameterType());
    }

    /** Throws InvalidIdentity (401) for a request the filter did not verify, such as one to an open path. */
    @Override
    public VerifiedCaller resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binders) {
        Object caller = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (caller instanceof VerifiedCaller verified) {
            return verified;
        }
        throw new InvalidIdentity("this request needs an identity (" + IdentityToken.HEADER + ", signed by the "
                + "gateway)");
    }
}
