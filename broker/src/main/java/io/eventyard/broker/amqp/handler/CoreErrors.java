package io.eventyard.broker.amqp.handler;

import io.eventyard.broker.amqp.AmqpException;
import io.eventyard.broker.amqp.ReplyCode;
import io.eventyard.broker.amqp.codec.Method;
import io.eventyard.broker.core.CoreException;

/** How the core's refusals read on the AMQP wire: reply code, and whether the channel or the connection ends. */
final class CoreErrors {

    private CoreErrors() {
    }

    static AmqpException toAmqp(CoreException error, Method method) {
        int classId = method.classId();
        int methodId = method.methodId();
        return switch (error.reason()) {
            case NOT_FOUND -> AmqpException.channelError(ReplyCode.NOT_FOUND, error.detail(), classId, methodId);
            case ACCESS_REFUSED -> AmqpException.channelError(ReplyCode.ACCESS_REFUSED, error.detail(), classId, methodId);
            case RESOURCE_LOCKED -> AmqpException.channelError(ReplyCode.RESOURCE_LOCKED, error.detail(), classId, methodId);
            case PRECONDITION_FAILED -> AmqpException.channelError(ReplyCode.PRECONDITION_FAILED, error.detail(), classId, methodId);
            case NOT_ALLOWED -> AmqpException.connectionError(ReplyCode.NOT_ALLOWED, error.detail(), classId, methodId);
            case NOT_IMPLEMENTED -> AmqpException.connectionError(ReplyCode.NOT_IMPLEMENTED, error.detail(), classId, methodId);
            case COMMAND_INVALID -> AmqpException.connectionError(ReplyCode.COMMAND_INVALID, error.detail(), classId, methodId);
            case INTERNAL_ERROR -> AmqpException.connectionError(ReplyCode.INTERNAL_ERROR, error.detail(), classId, methodId);
        };
    }
}
