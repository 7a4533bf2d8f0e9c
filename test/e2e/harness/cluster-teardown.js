/** Jest globalTeardown of the e2e suite: stop the control plane the cluster tests started (if any). */
module.exports = async () => {
  require('../../../cluster/cluster.js').down();
};
