@cors
Feature: Browser apps (CORS)
  A browser app on any origin can call both APIs and the control plane.
  A preflight (OPTIONS with Access-Control-Request-Method) needs no token
  and answers 204 with Access-Control-Allow-Origin: *, the methods of the
  route in Access-Control-Allow-Methods (every method for a path no route
  serves, so the app then sees the API's own 404), the headers the APIs
  read (Authorization, Content-Type, …) plus any the preflight asks for in
  Access-Control-Allow-Headers, and Access-Control-Max-Age: 3600. A
  preflight changes nothing, is not faulted, and is journaled as OPTIONS.

  Every answer to a request with an Origin carries
  Access-Control-Allow-Origin: * and lets the app read paging_token,
  total-count and X-Request-ID (Dintero answers with the list it
  documents: total-count,paging_token).

  Scenario: A preflight on a Dintero route needs no token and names the route's methods
    When a browser sends the preflight for PUT "/customers/users/c-1" asking for the headers "authorization,content-type,x-trace-id"
    Then the response status is 204
    And the response body is empty
    And the response header "Access-Control-Allow-Origin" is "*"
    And the response header "Access-Control-Allow-Methods" is "GET,PUT,DELETE"
    And the response header "Access-Control-Allow-Headers" is "Authorization,Content-Type,Accept,Origin,Requestor-ID,X-Request-ID,x-trace-id"
    And the response header "Access-Control-Max-Age" is "3600"

  Scenario: A preflight on a Dintero list route
    When a browser sends the preflight for POST "/customers/users"
    Then the response status is 204
    And the response header "Access-Control-Allow-Methods" is "GET,HEAD,POST"
    And the response header "Access-Control-Allow-Headers" is "Authorization,Content-Type,Accept,Origin,Requestor-ID,X-Request-ID"

  @tradevest
  Scenario: A preflight on a Tradevest route needs no token and names the route's methods
    When a browser sends the preflight for PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" asking for the headers "Authorization, Content-Type, Requestor-ID"
    Then the response status is 204
    And the response header "Access-Control-Allow-Origin" is "*"
    And the response header "Access-Control-Allow-Methods" is "GET,PATCH"
    And the response header "Access-Control-Allow-Headers" is "Authorization,Content-Type,Accept,Origin,Requestor-ID,X-Request-ID"

  @tradevest
  Scenario: A preflight on the Tradevest token endpoint
    When a browser sends the preflight for POST "/oauth2/token"
    Then the response status is 204
    And the response header "Access-Control-Allow-Methods" is "POST"

  Scenario: A preflight on a path no route serves allows every method
    When a browser sends the preflight for GET "/roles/nope"
    Then the response status is 204
    And the response header "Access-Control-Allow-Methods" is "GET,HEAD,PUT,PATCH,POST,DELETE"

  @in-process
  Scenario: A preflight on the control plane needs no admin token either
    Given the sandbox requires the admin token "s3cret"
    When a browser sends the preflight for POST "/_sandbox/reset"
    Then the response status is 204
    And the response header "Access-Control-Allow-Methods" is "POST"

  @in-process
  Scenario: A preflight is not faulted, and journaled as OPTIONS
    Given I DELETE "/_sandbox/requests"
    And I POST "/_sandbox/faults" with body:
      """
      {"method": "*", "path": "/roles/*", "status": 503}
      """
    When a browser sends the preflight for GET "/roles/customers"
    Then the response status is 204
    When I GET "/_sandbox/requests"
    Then the response field "0.method" is "OPTIONS"
    And the response field "0.status" is the number 204

  Scenario: An OPTIONS request that is no preflight is a 405 in the vendor's shape
    When I send no access token
    And I send OPTIONS "/customers/users" without a preflight
    Then the response status is 405
    And the error code is "METHOD_NOT_ALLOWED"

  Scenario: A Dintero answer to a browser app carries the documented CORS headers
    Given I am authenticated as "admin-client"
    When the browser app sends GET "/customers/users?limit=1"
    Then the response status is 200
    And the response header "Access-Control-Allow-Origin" is "*"
    And the response header "Access-Control-Expose-Headers" is "total-count,paging_token"

  @tradevest
  Scenario: A Tradevest answer to a browser app lets it read X-Request-ID, errors included
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    When the browser app sends GET "/roles/customers?limit=1"
    Then the response status is 200
    And the response header "Access-Control-Allow-Origin" is "*"
    And the response header "Access-Control-Expose-Headers" is "paging_token,total-count,X-Request-ID,Retry-After"
    When I send no access token
    And the browser app sends GET "/roles/customers"
    Then the response status is 401
    And the response header "Access-Control-Allow-Origin" is "*"

  Scenario: A request without an Origin gets no Tradevest CORS headers
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    When I GET "/roles/customers?limit=1"
    Then the response status is 200
    And the response has no header "Access-Control-Allow-Origin"
