#!/bin/sh
# The broker in the foreground: AMQP on 5672, the management plugin on 15672. The services
# declare their queues as quorum queues themselves (one node is enough for them).
set -eu
cat >/etc/rabbitmq/rabbitmq.conf <<CONF
listeners.tcp.default = 5672
management.tcp.port = 15672
loopback_users = none
default_user = ${RABBITMQ_DEFAULT_USER:-guest}
default_pass = ${RABBITMQ_DEFAULT_PASS:-guest}
CONF
echo '[rabbitmq_management].' >/etc/rabbitmq/enabled_plugins
: >/etc/rabbitmq/rabbitmq-env.conf
exec rabbitmq-server
