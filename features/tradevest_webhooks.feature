@tradevest @in-process @webhooks
Feature: Tradevest webhooks, delivered for real
  POST /webhooks {eventType, url, headers} registers one webhook per event
  type (a second one is a 409); GET /webhooks lists them, GET and DELETE
  /webhooks/{eventType} read and remove one, GET /webhooks-missing names
  the event types with none. On every change the vendor notifies, the
  sandbox POSTs the notification (CustomerNotification {customerId,
  modifiedOn, status, notificationType} and the same shape for the other
  records, decision D86) with the registered headers to the URL: after
  the API call has answered, in order per partner, retried with backoff
  when the receiver fails. http and https URLs on any host are accepted
  (decision D85). GET /_sandbox/webhooks/deliveries shows each delivery
  and its outcome; DELETE clears the list.

  These scenarios start a local receiver ({receiver_url}) and use partner
  sandbox of the default fixtures: Erika (6b0e2f9c-…5e02) has no customer
  role; Max (6b0e2f9c-…5e01) is the ACTIVE customer 9e3b5c2f-…8b01.

  Background:
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    And a webhook receiver is listening

  Scenario: Register a webhook and read it back
    When I POST "/webhooks" with body:
      """
      {"eventType": "CUSTOMER_NOTIFICATION", "url": "{receiver_url}", "headers": [{"name": "x-api-key", "value": "s3cret"}]}
      """
    Then the response status is 200
    And the response body equals:
      """
      {"eventType": "CUSTOMER_NOTIFICATION", "url": "{receiver_url}", "headers": [{"name": "X-Api-Key", "value": "s3cret"}],
       "createdOn": "2030-01-01T09:00:00.000Z", "modifiedOn": "2030-01-01T09:00:00.000Z"}
      """
    When I GET "/webhooks/CUSTOMER_NOTIFICATION"
    Then the response status is 200
    And the response field "url" is "{receiver_url}"
    When I GET "/webhooks"
    Then the response is a list of 1 item
    When I GET "/webhooks-missing"
    Then the response status is 200
    And the response is a list of 7 items
    And the response field "0" is "NATURAL_PERSON_NOTIFICATION"

  Scenario: A customer's life is notified, in order, with the registered headers
    Given I POST "/webhooks" with body:
      """
      {"eventType": "CUSTOMER_NOTIFICATION", "url": "{receiver_url}", "headers": [{"name": "X-Api-Key", "value": "s3cret"}]}
      """
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    Then the response status is 200
    And I save the response field "customerId" as "erika"
    When I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{erika}"}
      """
    And the sandbox clock advances 60 seconds
    Then the receiver gets, in order, the notifications:
      """
      [{"customerId": "{erika}", "modifiedOn": "2030-01-01T09:00:00.000Z", "status": "CREATED", "notificationType": "CREATED"},
       {"customerId": "{erika}", "modifiedOn": "2030-01-01T09:00:00.000Z", "status": "PENDING", "notificationType": "UPDATED"},
       {"customerId": "{erika}", "modifiedOn": "2030-01-01T09:01:00.000Z", "status": "ACTIVE", "notificationType": "UPDATED"}]
      """
    And every notification received has the header "X-Api-Key" "s3cret"
    And every notification received has the header "Content-Type" "application/json"
    When the webhook deliveries are done
    And I GET "/_sandbox/webhooks/deliveries"
    Then the response is a list of 3 items
    And the response field "0.status" is "DELIVERED"
    And the response field "0.eventType" is "CUSTOMER_NOTIFICATION"
    And the response field "0.attempts" is a list of 1 item
    And the response field "0.attempts.0.statusCode" is the number 204
    When I DELETE "/_sandbox/webhooks/deliveries"
    Then the response status is 204
    When I GET "/_sandbox/webhooks/deliveries"
    Then the response is a list of 0 items

  Scenario: Onboarding, entity and label notifications
    Given I POST "/webhooks" with body:
      """
      {"eventType": "ONBOARDING_NOTIFICATION", "url": "{receiver_url}"}
      """
    And I POST "/webhooks" with body:
      """
      {"eventType": "NATURAL_PERSON_NOTIFICATION", "url": "{receiver_url}"}
      """
    And I POST "/webhooks" with body:
      """
      {"eventType": "LABELS_UPDATE_NOTIFICATION", "url": "{receiver_url}"}
      """
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    And I save the response field "customerId" as "erika"
    And I POST "/roles/onboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "{erika}"}
      """
    And I save the response field "onboardingId" as "onb"
    And the sandbox clock advances 60 seconds
    And I PATCH "/roles/customer-labels/vip/customers" with body:
      """
      ["{erika}"]
      """
    Then the response status is 202
    And the receiver gets, in order, the notifications:
      """
      [{"onboardingId": "{onb}", "roleType": "CUSTOMER", "roleId": "{erika}", "status": "CREATED", "modifiedOn": "2030-01-01T09:00:00.000Z", "notificationType": "CREATED"},
       {"naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "status": "PENDING", "modifiedOn": "2030-01-01T09:00:00.000Z", "notificationType": "UPDATED"},
       {"onboardingId": "{onb}", "roleType": "CUSTOMER", "roleId": "{erika}", "status": "PENDING", "modifiedOn": "2030-01-01T09:00:01.000Z", "notificationType": "UPDATED"},
       {"naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "status": "ACTIVE", "modifiedOn": "2030-01-01T09:01:00.000Z", "notificationType": "UPDATED"},
       {"onboardingId": "{onb}", "roleType": "CUSTOMER", "roleId": "{erika}", "status": "APPROVED", "modifiedOn": "2030-01-01T09:01:00.000Z", "notificationType": "UPDATED"},
       {"label": "vip", "customerIds": ["{erika}"], "modifiedOn": "2030-01-01T09:01:00.000Z", "notificationType": "UPDATED"}]
      """

  Scenario: A receiver that fails is retried until it answers
    Given I POST "/webhooks" with body:
      """
      {"eventType": "CUSTOMER_NOTIFICATION", "url": "{receiver_url}"}
      """
    And the receiver answers 500 to the next 2 notifications
    When I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": ["gold"]}
      """
    Then the response status is 202
    And the receiver gets, in order, the notifications:
      """
      [{"customerId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "modifiedOn": "2030-01-01T09:00:00.000Z", "status": "ACTIVE", "notificationType": "UPDATED"}]
      """
    When the webhook deliveries are done
    Then the response field "0.status" is "DELIVERED"
    And the response field "0.attempts" is a list of 3 items
    And the response field "0.attempts.0.statusCode" is the number 500

  Scenario: A receiver that never answers fails the delivery, and the API call still succeeds
    Given I POST "/webhooks" with body:
      """
      {"eventType": "CUSTOMER_NOTIFICATION", "url": "http://127.0.0.1:1/unreachable"}
      """
    When I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": ["gold"]}
      """
    Then the response status is 202
    When the webhook deliveries are done
    Then the response field "0.status" is "FAILED"
    And the response field "0.attempts" is a list of 3 items
    And the response field "0.url" is "http://127.0.0.1:1/unreachable"

  Scenario: Without a webhook for its event type nothing is delivered
    Given I POST "/webhooks" with body:
      """
      {"eventType": "PROXY_NOTIFICATION", "url": "{receiver_url}"}
      """
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    Then the response status is 200
    And the receiver gets no notification

  Scenario: A deleted webhook gets nothing more
    Given I POST "/webhooks" with body:
      """
      {"eventType": "CUSTOMER_NOTIFICATION", "url": "{receiver_url}"}
      """
    When I DELETE "/webhooks/CUSTOMER_NOTIFICATION"
    Then the response status is 204
    When I GET "/webhooks/CUSTOMER_NOTIFICATION"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"
    When I DELETE "/webhooks/CUSTOMER_NOTIFICATION"
    Then the response status is 404
    When I GET "/webhooks"
    Then the response is a list of 0 items
    When I POST "/roles/customers" with body:
      """
      {"entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02", "entityType": "NATURAL_PERSON"}
      """
    Then the receiver gets no notification
    When I POST "/webhooks" with body:
      """
      {"eventType": "CUSTOMER_NOTIFICATION", "url": "{receiver_url}"}
      """
    Then the response status is 200

  Scenario: One webhook per event type
    Given I POST "/webhooks" with body:
      """
      {"eventType": "CUSTOMER_NOTIFICATION", "url": "{receiver_url}"}
      """
    When I POST "/webhooks" with body:
      """
      {"eventType": "CUSTOMER_NOTIFICATION", "url": "https://example.com/other"}
      """
    Then the response status is 409
    And the response field "errorCode" is "CONFLICT"

  Scenario Outline: A webhook with <case> is refused
    When I POST "/webhooks" with body:
      """
      <body>
      """
    Then the response status is 400
    And the error details name a field within "<field>"
    When I GET "/webhooks"
    Then the response is a list of 0 items

    Examples:
      | case                  | field     | body                                                                                                                  |
      | an unknown event type | eventType | {"eventType": "ORDER_NOTIFICATION", "url": "https://example.com/hook"}                                                 |
      | no URL                | url       | {"eventType": "CUSTOMER_NOTIFICATION"}                                                                                 |
      | an ftp URL            | url       | {"eventType": "CUSTOMER_NOTIFICATION", "url": "ftp://example.com/hook"}                                               |
      | six headers           | headers   | {"eventType": "CUSTOMER_NOTIFICATION", "url": "https://example.com/hook", "headers": [{"name": "a", "value": "1"}, {"name": "b", "value": "1"}, {"name": "c", "value": "1"}, {"name": "d", "value": "1"}, {"name": "e", "value": "1"}, {"name": "f", "value": "1"}]} |
      | a header twice        | headers   | {"eventType": "CUSTOMER_NOTIFICATION", "url": "https://example.com/hook", "headers": [{"name": "X-A", "value": "1"}, {"name": "x-a", "value": "2"}]} |
      | a reserved header     | headers   | {"eventType": "CUSTOMER_NOTIFICATION", "url": "https://example.com/hook", "headers": [{"name": "Content-Type", "value": "text/plain"}]} |
      | a header value with a line break | headers | {"eventType": "CUSTOMER_NOTIFICATION", "url": "https://example.com/hook", "headers": [{"name": "X-A", "value": "a\\nB: c"}]} |

  Scenario: An unknown event type in the path is a 400
    When I GET "/webhooks/ORDER_NOTIFICATION"
    Then the response status is 400
    And the error details name the field "eventType"

  Scenario: The webhook lists need a token
    Given I send no access token
    When I GET "/webhooks"
    Then the response status is 401
    And the response field "errorCode" is "UNAUTHORIZED"
    When I GET "/webhooks-missing"
    Then the response status is 401
