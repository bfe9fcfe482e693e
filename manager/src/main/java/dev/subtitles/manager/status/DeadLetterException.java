package dev.subtitles.manager.status;

/** Why a dead-letter operation could not be done; each kind maps to its own problem document. */
public abstract class DeadLetterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DeadLetterException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The request names a queue that is not one of {@code manager.status.queues}: 404. */
    public static class UnknownQueue extends DeadLetterException {

        private static final long serialVersionUID = 1L;

        UnknownQueue(String queue) {
            super("'" + queue + "' is not one of the pipeline's work queues", null);
        }
    }

    /** The queue or its dead-letter queue is not declared (its service never started): 404. */
    public static class QueueMissing extends DeadLetterException {

        private static final long serialVersionUID = 1L;

        QueueMissing(String queue) {
            super("queue '" + queue + "' does not exist on the broker (its service has not declared it yet)", null);
        }
    }

    /** No message with the id among the first ones of the dead-letter queue: 404. */
    public static class MessageNotFound extends DeadLetterException {

        private static final long serialVersionUID = 1L;

        MessageNotFound(String queue, String id, int examined) {
            super("no message '" + id + "' among the first " + examined + " of " + queue
                    + " (another operator may have just requeued or discarded it)", null);
        }
    }

    /**
     * The broker could not be reached, refused a step, or did not answer in time: 503. Nothing was acked that the
     * broker had not confirmed, so every message is still in the dead-letter queue, or in the work queue, or in both.
     */
    public static class BrokerFailure extends DeadLetterException {

        private static final long serialVersionUID = 1L;

        BrokerFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
