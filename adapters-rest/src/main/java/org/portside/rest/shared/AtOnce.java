package org.portside.rest.shared;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * What a publisher gives during its subscription, if it completes then: its first value (null
 * when it completed empty). A publisher still pending afterwards is cancelled: whoever asks
 * again subscribes anew. An error counts as not answered, so the stock pipeline reports it.
 *
 * <p>Hand-written because Reactor's own ways of asking (block(), a scalar check) either wait or
 * only see publishers of its own types; the validators and rules here are Micronaut's and ours.
 */
final class AtOnce<T> implements Subscriber<T> {

    private Subscription subscription;
    // volatile, and done written last: an answer that comes on another thread just as the caller
    // looks is seen whole (value, failed) or not at all (then the stock pipeline asks again)
    private volatile boolean done;
    private volatile boolean failed;
    private volatile T value;

    static <T> AtOnce<T> of(Publisher<T> publisher) {
        AtOnce<T> answer = new AtOnce<>();
        publisher.subscribe(answer);
        if (!answer.done && answer.subscription != null) {
            answer.subscription.cancel();
        }
        return answer;
    }

    /** True when the publisher completed (with a value or empty) during its subscription. */
    boolean answered() {
        return done && !failed;
    }

    /** The first value, or null when it completed empty (or has not answered). */
    T value() {
        return value;
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(T next) {
        if (!done) {
            value = next;
            done = true;
            subscription.cancel();
        }
    }

    @Override
    public void onError(Throwable error) {
        failed = true;
        done = true;
    }

    @Override
    public void onComplete() {
        done = true;
    }
}
