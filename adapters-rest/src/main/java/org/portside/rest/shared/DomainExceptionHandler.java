package org.portside.rest.shared;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.portside.domain.shared.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A use case refused the request: 404, 409, 412 or 400, with the domain's code and fields. */
@Produces
@Singleton
@Requires(classes = DomainException.class)
final class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(DomainExceptionHandler.class);

    @Override
    @SuppressWarnings("rawtypes") // ExceptionHandler declares a raw HttpRequest
    public HttpResponse<Problem> handle(HttpRequest request, DomainException exception) {
        MutableHttpResponse<Problem> refusal = Problems.refusal(exception);
        LOG.debug("{} {} refused: {} {}", request.getMethod(), request.getPath(), refusal.code(), exception.code());
        return refusal;
    }
}
