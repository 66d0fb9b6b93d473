/** MM4 internals: mail writing and reading, SMTP sending and the SMTP server's mail handler. */
package org.mmskit.mm4.internal;
