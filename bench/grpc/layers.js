'use strict';
// The gRPC section's `layers` mode: a layer on each side that only forwards,
// in the places the plugin sits (a server interceptor implementing grpc-js's
// ServerInterceptingCallInterface, and a channel wrapper whose calls are
// their own listeners), measuring nothing. Its cost is what any plugin built
// on grpc-js's public extension points pays before it measures anything.
const { grpc } = require('./echo');

/** A server call that forwards every method to the call below, and every event to the listener above. */
class ForwardingServerCall {
  constructor(next) {
    this.next = next;
    this.listener = undefined;
  }
  start(listener) {
    this.listener = listener;
    this.next.start(this);
  }
  onReceiveMetadata(metadata) {
    this.listener.onReceiveMetadata(metadata);
  }
  onReceiveMessage(message) {
    this.listener.onReceiveMessage(message);
  }
  onReceiveHalfClose() {
    this.listener.onReceiveHalfClose();
  }
  onCancel() {
    this.listener.onCancel();
  }
  sendMetadata(metadata) {
    this.next.sendMetadata(metadata);
  }
  sendMessage(message, callback) {
    this.next.sendMessage(message, callback);
  }
  sendStatus(status) {
    this.next.sendStatus(status);
  }
  startRead() {
    this.next.startRead();
  }
  getPeer() {
    return this.next.getPeer();
  }
  getDeadline() {
    return this.next.getDeadline();
  }
  getHost() {
    return this.next.getHost();
  }
  getAuthContext() {
    return this.next.getAuthContext();
  }
  getConnectionInfo() {
    return this.next.getConnectionInfo();
  }
  getMetricsRecorder() {
    return this.next.getMetricsRecorder();
  }
}

/** A channel-level call that forwards every method to the call below, and every event to the listener above. */
class ForwardingClientCall {
  constructor(inner) {
    this.inner = inner;
    this.listener = undefined;
  }
  start(metadata, listener) {
    this.listener = listener;
    this.inner.start(metadata, this);
  }
  sendMessageWithContext(context, message) {
    this.inner.sendMessageWithContext(context, message);
  }
  onReceiveMetadata(metadata) {
    this.listener.onReceiveMetadata(metadata);
  }
  onReceiveMessage(message) {
    this.listener.onReceiveMessage(message);
  }
  onReceiveStatus(status) {
    this.listener.onReceiveStatus(status);
  }
  cancelWithStatus(code, details) {
    this.inner.cancelWithStatus(code, details);
  }
  getPeer() {
    return this.inner.getPeer();
  }
  startRead() {
    this.inner.startRead();
  }
  halfClose() {
    this.inner.halfClose();
  }
  getCallNumber() {
    return this.inner.getCallNumber();
  }
  setCredentials(credentials) {
    this.inner.setCredentials(credentials);
  }
  getAuthContext() {
    return this.inner.getAuthContext();
  }
}

/** A channel whose calls are ForwardingClientCalls. */
class ForwardingChannel {
  constructor(inner) {
    this.inner = inner;
  }
  createCall(method, deadline, host, parent, flags) {
    return new ForwardingClientCall(this.inner.createCall(method, deadline, host, parent, flags));
  }
  close() {
    this.inner.close();
  }
  getTarget() {
    return this.inner.getTarget();
  }
  getConnectivityState(tryToConnect) {
    return this.inner.getConnectivityState(tryToConnect);
  }
  watchConnectivityState(state, deadline, callback) {
    this.inner.watchConnectivityState(state, deadline, callback);
  }
  getChannelzRef() {
    return this.inner.getChannelzRef();
  }
}

/** A bare grpc-js server with the forwarding interceptor. */
function forwardingServer() {
  return new grpc.Server({ interceptors: [(_method, call) => new ForwardingServerCall(call)] });
}

/** Client options that put the forwarding channel under every call. */
function forwardingClientOptions() {
  return { channelFactoryOverride: (address, credentials, options) => new ForwardingChannel(new grpc.Channel(address, credentials, options)) };
}

module.exports = { forwardingServer, forwardingClientOptions };
