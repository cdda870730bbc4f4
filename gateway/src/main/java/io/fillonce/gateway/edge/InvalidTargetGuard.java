package io.fillonce.gateway.edge;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.fillonce.gateway.problem.Refusals;
import io.netty.util.ReferenceCountUtil;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * A request target that is not a valid URI ({@code /api/%zz}, a lone {@code %}, a raw backslash) fails in the
 * server adapter before any gateway code runs, and would get an empty 400. This guard sits right after Reactor
 * Netty's HTTP codec and answers such requests itself with a 400 problem (counted as an {@code invalid-target}
 * refusal), then closes the connection.
 */
@Component
class InvalidTargetGuard implements NettyServerCustomizer {

    private static final String NAME = "fillonce.invalidTargetGuard";
    private static final byte[] PROBLEM = ("{\"type\":\"https://fillonce.io/problems/bad-request\",\"title\":"
            + "\"Request not accepted\",\"status\":400,\"detail\":\"The request target is not a valid URI (check its "
            + "percent-encoding).\"}").getBytes(StandardCharsets.UTF_8);

    private final Refusals refusals;

    InvalidTargetGuard(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(NAME) == null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, NAME, new Handler(refusals));
            }
        });
    }

    static boolean isValidTarget(String target) {
        try {
            new URI(target);
            return true;
        }
        catch (URISyntaxException e) {
            return false;
        }
    }

    /** One per connection: once it rejected a request it drops that request's body and closes. */
    private static final class Handler extends ChannelInboundHandlerAdapter {

        private final Refusals refusals;

        private boolean rejecting;

        Handler(Refusals refusals) {
            this.refusals = refusals;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request && !isValidTarget(request.uri())) {
                rejecting = true;
                refusals.refused(Refusals.INVALID_TARGET);
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(problem()).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (rejecting && msg instanceof HttpContent) {
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.fireChannelRead(msg);
        }

        private static FullHttpResponse problem() {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                    Unpooled.wrappedBuffer(PROBLEM));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, PROBLEM.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .set("X-Content-Type-Options", "nosniff")
                    .set("Referrer-Policy", "no-referrer")
                    .set("X-Frame-Options", "DENY")
                    .set("Content-Security-Policy", SecurityHeaders.API_CSP);
            return response;
        }
    }
}
