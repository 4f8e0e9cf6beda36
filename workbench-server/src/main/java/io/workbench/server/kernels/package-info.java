/** Kernels: launching them (provisioners), supervising them (manager, warm pool), and the kernels REST API. */
package io.workbench.server.kernels;
